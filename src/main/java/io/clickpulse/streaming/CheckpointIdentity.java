package io.clickpulse.streaming;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which query a checkpoint folder belongs to: the query (main, or sessions-gap / sessions-stagger),
 * the stream it reads and the connector that wrote its offsets. The job records it in the folder
 * ({@value #FILE}) the first time it starts there, and refuses to start when the folder already
 * belongs to another query or stream: Spark would otherwise resume from (and write into) offsets
 * and state of a different graph. Spark reads only its own files in a checkpoint, so this one does
 * not disturb it. Hadoop FileSystem API: local folders and s3a alike.
 */
public record CheckpointIdentity(String query, String stream, String connector) {
  public static final String FILE = "clickpulse-checkpoint.properties";

  /** The streaming job's main query. */
  public static CheckpointIdentity main(ClickpulseConfig config) {
    return new CheckpointIdentity(
        "main", config.stream().name(), Settings.modeName(config.streaming().connector()));
  }

  /** The demand query (streaming.demand-path=separate). */
  public static CheckpointIdentity demand(ClickpulseConfig config) {
    return new CheckpointIdentity(
        "demand", config.stream().name(), Settings.modeName(config.streaming().connector()));
  }

  /** The sessions query in the configured mode. */
  public static CheckpointIdentity sessions(ClickpulseConfig config) {
    return new CheckpointIdentity(
        "sessions-" + Settings.modeName(config.sessions().mode()),
        config.stream().name(),
        Settings.modeName(config.streaming().connector()));
  }

  public String describe() {
    return "query=" + query + " stream=" + stream + " connector=" + connector;
  }

  /**
   * Records this identity in {@code location} if it has none, and checks it otherwise.
   *
   * @param key the config key of the location, named in the failure (streaming.checkpoint, ...)
   * @param keySource where the key's value came from (default, profile, argument)
   * @return true when this call recorded the identity (a new or pre-identity checkpoint)
   * @throws StartupChecks.Failed when the folder belongs to another query or stream, or cannot be
   *     read or written
   */
  public boolean claim(String location, String key, String keySource, Configuration hadoop) {
    Path file = new Path(location, FILE);
    String where = "checkpoint " + location + " (config key " + key + ", from " + keySource + ")";
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      if (!fs.exists(file)) {
        try (FSDataOutputStream out = fs.create(file, false)) {
          write(out);
          return true;
        } catch (FileAlreadyExistsException raced) {
          // another start recorded one in between: check against it below
        }
      }
      CheckpointIdentity recorded;
      try (InputStream in = fs.open(file)) {
        recorded = read(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
      }
      if (!recorded.equals(this)) {
        throw new StartupChecks.Failed(
            where
                + " belongs to "
                + recorded.describe()
                + ", but this run is "
                + describe()
                + ": resuming from it would read another query's offsets and state. Give "
                + key
                + " a folder of its own, or delete that folder to start this query over");
      }
      return false;
    } catch (IOException e) {
      throw new StartupChecks.Failed("cannot read or write " + file + " in " + where + ": " + e);
    }
  }

  private void write(OutputStream out) throws IOException {
    String text =
        "# Written by clickpulse at the first start on this checkpoint; the job refuses to start\n"
            + "# here as another query or on another stream. Delete the whole folder to start over.\n"
            + "query="
            + query
            + "\nstream="
            + stream
            + "\nconnector="
            + connector
            + "\n";
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  static CheckpointIdentity read(String text, Path file) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    String query = p.getProperty("query");
    String stream = p.getProperty("stream");
    String connector = p.getProperty("connector");
    if (query == null || stream == null || connector == null) {
      throw new IOException(
          "not a clickpulse checkpoint identity (needs query, stream, connector): " + file);
    }
    return new CheckpointIdentity(query.trim(), stream.trim(), connector.trim());
  }
}
