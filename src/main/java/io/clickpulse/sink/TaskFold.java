package io.clickpulse.sink;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * A small result each task of a {@link SinglePassWrite} folds from the rows it reads (a batch's
 * partial demand), merged on the driver: what would otherwise be a Spark job of its own re-reading
 * the batch.
 */
public interface TaskFold<A extends Serializable> extends Serializable {
  /** A task's starting value. */
  A empty();

  /** Folds one wide row into a task's value. */
  void add(A value, InternalRow row);

  /** Two tasks' values as one. */
  A merge(A left, A right);

  /** No fold. */
  static TaskFold<Boolean> none() {
    return new TaskFold<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public Boolean empty() {
        return Boolean.TRUE;
      }

      @Override
      public void add(Boolean value, InternalRow row) {}

      @Override
      public Boolean merge(Boolean left, Boolean right) {
        return left;
      }
    };
  }
}
