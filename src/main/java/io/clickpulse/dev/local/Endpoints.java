package io.clickpulse.dev.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the running local stack's services answer (the metastore and Trino only with stack.athena;
 * the HTTP collector's POST /events and its shop pages once stack up started it).
 */
public record Endpoints(
    URI kinesis,
    URI dynamodb,
    URI s3,
    Optional<URI> metastore,
    Optional<URI> trino,
    Optional<URI> collector,
    Optional<URI> shop) {

  public Endpoints(URI kinesis, URI dynamodb, URI s3) {
    this(
        kinesis,
        dynamodb,
        s3,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public Endpoints withAthena(URI metastoreUri, URI trinoUri) {
    return new Endpoints(
        kinesis, dynamodb, s3, Optional.of(metastoreUri), Optional.of(trinoUri), collector, shop);
  }

  public Endpoints withCollector(URI eventsUri, URI shopUri) {
    return new Endpoints(
        kinesis, dynamodb, s3, metastore, trino, Optional.of(eventsUri), Optional.of(shopUri));
  }

  /** The same endpoints as job arguments, which override any profile (one precedence order). */
  public List<String> asArguments() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--aws.kinesis.endpoint",
                kinesis.toString(),
                "--aws.dynamodb.endpoint",
                dynamodb.toString(),
                "--aws.s3.endpoint",
                s3.toString()));
    metastore.ifPresent(m -> args.addAll(List.of("--catalog.metastore-uri", m.toString())));
    trino.ifPresent(t -> args.addAll(List.of("--athena.trino-uri", t.toString())));
    return args;
  }

  /** These endpoints followed by {@code args}: an endpoint the caller passes itself still wins. */
  public List<String> before(List<String> args) {
    List<String> all = new ArrayList<>(asArguments());
    all.addAll(args);
    return all;
  }
}
