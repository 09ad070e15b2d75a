package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.clickpulse.config.ConfigException;
import io.clickpulse.event.EventColumns;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Adds geo_country, geo_region and geo_city from user_ip, then (if configured) anonymizes user_ip.
 * Databases on S3 are shipped to every executor once with SparkContext.addFile; local files are
 * read in place. With no database the columns are null, so the schema never changes.
 */
public final class GeoIpEnricher implements Enricher {
  static final StructType RESULT =
      new StructType()
          .add("country", DataTypes.StringType)
          .add("region", DataTypes.StringType)
          .add("city", DataTypes.StringType)
          .add("ip", DataTypes.StringType);
  private static final String SPARK_FILE = "sparkfile:";

  private final UserDefinedFunction locate;

  private GeoIpEnricher(List<String> refs, boolean anonymize) {
    // resolving SparkFiles paths and hashing them into the JVM-wide map per row would sit on the
    // hot path
    ExecutorLocal<Optional<GeoIpLookup>> lookup =
        new ExecutorLocal<>(
            () ->
                refs.isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                        GeoIpLookup.shared(refs.stream().map(GeoIpEnricher::resolve).toList())));
    this.locate =
        udf(
            (UDF1<String, Row>)
                ip -> {
                  Optional<GeoLocation> g = lookup.get().flatMap(l -> l.locate(ip));
                  // text that is no address cannot be anonymized, and may be anything: drop it
                  String kept = anonymize ? IpAddresses.anonymize(ip).orElse(null) : ip;
                  return RowFactory.create(
                      g.map(GeoLocation::country).orElse(null),
                      g.map(GeoLocation::region).orElse(null),
                      g.map(GeoLocation::city).orElse(null),
                      kept);
                },
            RESULT);
  }

  /**
   * Checks the configured databases on the driver (a missing local file is a config error at start,
   * not a null in every row) and registers S3 ones for distribution.
   */
  public static GeoIpEnricher create(
      SparkSession spark, List<String> databases, boolean anonymize) {
    List<String> refs = new ArrayList<>();
    for (String db : databases) {
      URI uri = URI.create(db.replace(" ", "%20"));
      if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
        spark.sparkContext().addFile(db);
        refs.add(SPARK_FILE + Path.of(uri.getPath()).getFileName());
      } else {
        Path local =
            (uri.getScheme() == null ? Path.of(db) : Path.of(uri)).toAbsolutePath().normalize();
        if (!Files.isReadable(local)) {
          throw ConfigException.badValue(
              "enrich.geoip.databases",
              db,
              "a readable .mmdb file ("
                  + local
                  + " is missing: ./clickpulse setup installs the GeoLite2 City database)",
              "config");
        }
        refs.add(local.toString());
      }
    }
    return new GeoIpEnricher(List.copyOf(refs), anonymize);
  }

  private static String resolve(String ref) {
    return ref.startsWith(SPARK_FILE) ? SparkFiles.get(ref.substring(SPARK_FILE.length())) : ref;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> events) {
    return StructColumns.spread(
        events,
        locate.apply(col(EventColumns.USER_IP)),
        RESULT,
        List.of(
            EnrichedColumns.GEO_COUNTRY,
            EnrichedColumns.GEO_REGION,
            EnrichedColumns.GEO_CITY,
            EventColumns.USER_IP));
  }
}
