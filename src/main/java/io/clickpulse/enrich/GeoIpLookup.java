package io.clickpulse.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locates IP addresses in one or more MaxMind-format databases, tried in order. Two layouts are
 * read: MaxMind's GeoIP2/GeoLite2 City (through the geoip2 DatabaseReader) and the flat records of
 * ip-location-db (country_code, state1, city), whose IPv4 and IPv6 data come as two files. Readers
 * are memory-mapped, thread-safe and shared per JVM, so each executor opens a database once.
 */
public final class GeoIpLookup implements AutoCloseable {
  private static final Map<List<String>, GeoIpLookup> SHARED = new ConcurrentHashMap<>();

  private record Database(String path, Reader flat, DatabaseReader maxmind, int ipVersion) {}

  /** Addresses looked up, per JVM: a visitor sends many events from one address. */
  static final int CACHE_SIZE = 100_000;

  private final List<Database> databases;
  private final BoundedCache<String, Optional<GeoLocation>> cache = new BoundedCache<>(CACHE_SIZE);

  public GeoIpLookup(List<String> paths) {
    List<Database> dbs = new ArrayList<>();
    for (String path : paths) {
      dbs.add(open(path));
    }
    this.databases = List.copyOf(dbs);
  }

  /** The lookup of these files for this JVM, opened on first use. */
  public static GeoIpLookup shared(List<String> paths) {
    return SHARED.computeIfAbsent(List.copyOf(paths), GeoIpLookup::new);
  }

  private static Database open(String path) {
    File file = new File(path);
    try {
      Reader flat = new Reader(file, new CHMCache());
      String type = flat.getMetadata().getDatabaseType();
      int version = flat.getMetadata().getIpVersion();
      if (type.startsWith("GeoIP2") || type.startsWith("GeoLite2")) {
        flat.close();
        return new Database(
            path,
            null,
            new DatabaseReader.Builder(file).withCache(new CHMCache()).build(),
            version);
      }
      return new Database(path, flat, null, version);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the geo IP database " + path + ": " + e.getMessage(), e);
    }
  }

  /** The location of a public address; empty for private, reserved, unknown or invalid ones. */
  public Optional<GeoLocation> locate(String ip) {
    return ip == null ? Optional.empty() : cache.get(ip, this::lookUp);
  }

  private Optional<GeoLocation> lookUp(String ip) {
    Optional<InetAddress> parsed = IpAddresses.parse(ip);
    if (parsed.isEmpty() || !IpAddresses.isPublic(parsed.get())) {
      return Optional.empty();
    }
    InetAddress address = parsed.get();
    boolean v4 = address instanceof Inet4Address;
    for (Database db : databases) {
      if (!v4 && db.ipVersion() == 4) {
        continue; // an IPv4-only tree answers IPv6 queries from its mapped ::/96 part: not meant
        // for them
      }
      try {
        Optional<GeoLocation> found =
            db.maxmind() != null
                ? fromMaxmind(db.maxmind(), address)
                : fromFlat(db.flat(), address);
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException | RuntimeException e) {
        // a corrupt node or an unexpected layout for this address: not locatable, never a failed
        // batch
      }
    }
    return Optional.empty();
  }

  private static Optional<GeoLocation> fromMaxmind(DatabaseReader reader, InetAddress address)
      throws IOException {
    try {
      return reader.tryCity(address).map(GeoIpLookup::fromCity);
    } catch (GeoIp2Exception e) {
      return Optional.empty();
    }
  }

  private static GeoLocation fromCity(CityResponse r) {
    return new GeoLocation(
        blankToNull(r.getCountry().getIsoCode()),
        blankToNull(r.getMostSpecificSubdivision().getName()),
        blankToNull(r.getCity().getName()));
  }

  @SuppressWarnings("unchecked")
  private static Optional<GeoLocation> fromFlat(Reader reader, InetAddress address)
      throws IOException {
    Map<String, Object> rec = reader.get(address, Map.class);
    if (rec == null) {
      return Optional.empty();
    }
    String country = blankToNull((String) rec.get("country_code"));
    if (country == null) {
      return Optional.empty();
    }
    return Optional.of(
        new GeoLocation(
            country,
            blankToNull((String) rec.get("state1")),
            blankToNull((String) rec.get("city"))));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public void close() throws IOException {
    for (Database db : databases) {
      if (db.flat() != null) {
        db.flat().close();
      } else {
        db.maxmind().close();
      }
    }
  }
}
