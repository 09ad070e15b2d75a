package io.clickpulse.athena;

/** A statement the engine refused or could not run, with the statement's first line for context. */
public final class SqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqlException(String message, String sql) {
    super(sql.isBlank() ? message : message + "\n  in: " + firstLine(sql));
  }

  private static String firstLine(String sql) {
    for (String line : sql.split("\n")) {
      if (!line.isBlank() && !line.trim().startsWith("--")) {
        return line.trim();
      }
    }
    return sql.trim();
  }
}
