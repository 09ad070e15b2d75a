package io.clickpulse.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** All shards of a stream, open and closed, across ListShards pages. */
public final class Shards {
  private Shards() {}

  public static List<Shard> list(KinesisClient kinesis, String stream) {
    List<Shard> shards = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      // a request with a NextToken must not name the stream
      var resp =
          kinesis.listShards(
              b -> {
                if (t == null) {
                  b.streamName(stream);
                } else {
                  b.nextToken(t);
                }
              });
      shards.addAll(resp.shards());
      token = resp.nextToken();
    } while (token != null);
    return shards;
  }
}
