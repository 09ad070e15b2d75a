package io.clickpulse.local;

import java.net.URI;
import java.util.List;

/** Where the running local stack's services answer. */
public record Endpoints(URI kinesis, URI dynamodb, URI s3) {
  /** The same endpoints as job arguments, which override any profile (one precedence order). */
  public List<String> asArguments() {
    return List.of("--aws.kinesis.endpoint", kinesis.toString(),
        "--aws.dynamodb.endpoint", dynamodb.toString(),
        "--aws.s3.endpoint", s3.toString());
  }

  /** These endpoints followed by {@code args}: an endpoint the caller passes itself still wins. */
  public List<String> before(List<String> args) {
    List<String> all = new java.util.ArrayList<>(asArguments());
    all.addAll(args);
    return all;
  }
}
