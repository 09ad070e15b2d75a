package io.clickpulse.athena;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

/** Amazon Athena: StartQueryExecution, poll until it ends, read the results page by page. */
public final class AthenaApiEngine implements SqlEngine {
  private final AthenaClient athena;
  private final String catalog;
  private final String database;
  private final String workgroup;
  private final String outputLocation;
  private final Duration timeout;

  public AthenaApiEngine(
      AthenaClient athena,
      String catalog,
      String database,
      String workgroup,
      String outputLocation,
      Duration timeout) {
    this.athena = athena;
    this.catalog = catalog;
    this.database = database;
    this.workgroup = workgroup;
    this.outputLocation = outputLocation;
    this.timeout = timeout;
  }

  @Override
  public QueryResult execute(String sql) {
    String id =
        athena
            .startQueryExecution(
                b ->
                    b.queryString(sql)
                        .workGroup(workgroup)
                        .queryExecutionContext(c -> c.catalog(catalog).database(database))
                        .resultConfiguration(r -> r.outputLocation(outputLocation)))
            .queryExecutionId();
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      var status = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status();
      QueryExecutionState state = status.state();
      if (state == QueryExecutionState.SUCCEEDED) {
        break;
      }
      if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
        throw new SqlException(
            "Athena query " + id + " " + state + ": " + status.stateChangeReason(), sql);
      }
      if (Instant.now().isAfter(deadline)) {
        athena.stopQueryExecution(b -> b.queryExecutionId(id));
        throw new SqlException(
            "Athena query " + id + " did not finish within athena.timeout (" + timeout + ")", sql);
      }
      sleep();
    }
    List<String> columns = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    boolean header = true;
    for (GetQueryResultsResponse page :
        athena.getQueryResultsPaginator(b -> b.queryExecutionId(id))) {
      if (columns.isEmpty()) {
        page.resultSet().resultSetMetadata().columnInfo().forEach(c -> columns.add(c.name()));
      }
      for (Row r : page.resultSet().rows()) {
        List<String> values = r.data().stream().map(Datum::varCharValue).toList();
        // a SELECT's first row repeats the column names
        if (header && values.equals(columns)) {
          header = false;
          continue;
        }
        header = false;
        rows.add(new ArrayList<>(values));
      }
    }
    return new QueryResult(columns, rows);
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlException("interrupted while waiting for Athena", "");
    }
  }

  @Override
  public void close() {
    athena.close();
  }
}
