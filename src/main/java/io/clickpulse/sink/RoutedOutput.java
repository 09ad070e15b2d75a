package io.clickpulse.sink;

import java.util.List;
import java.util.Optional;

/**
 * One lake output of a {@link SinglePassWrite}: the dataset and its sink, which of the wide rows go
 * to it (those where the boolean column {@code when} is true; every row without one) and the
 * columns it keeps, by name, in its written order. The partition folder of a row is its dataset's
 * hour or day of the dataset's time column ({@link LakeDataset#timeColumn}), which the wide rows
 * carry under that name.
 */
public record RoutedOutput(
    LakeDataset dataset, IdempotentFileSink sink, Optional<String> when, List<String> columns) {

  public RoutedOutput {
    if (dataset.timeColumn().isEmpty()) {
      throw new IllegalArgumentException(dataset.folder() + "/ has no time column to route by");
    }
    columns = List.copyOf(columns);
  }

  /** The rows where {@code when} holds. */
  public static RoutedOutput where(
      LakeDataset dataset, IdempotentFileSink sink, String when, List<String> columns) {
    return new RoutedOutput(dataset, sink, Optional.of(when), columns);
  }

  /** Every row. */
  public static RoutedOutput every(
      LakeDataset dataset, IdempotentFileSink sink, List<String> columns) {
    return new RoutedOutput(dataset, sink, Optional.empty(), columns);
  }
}
