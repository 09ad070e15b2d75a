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

  /** Two folds' values, folded together from the same rows. */
  record Both<A extends Serializable, B extends Serializable>(A first, B second)
      implements Serializable {}

  /** {@code first} and {@code second} in one pass over the rows. */
  static <A extends Serializable, B extends Serializable> TaskFold<Both<A, B>> both(
      TaskFold<A> first, TaskFold<B> second) {
    return new TaskFold<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public Both<A, B> empty() {
        return new Both<>(first.empty(), second.empty());
      }

      @Override
      public void add(Both<A, B> value, InternalRow row) {
        first.add(value.first(), row);
        second.add(value.second(), row);
      }

      @Override
      public Both<A, B> merge(Both<A, B> left, Both<A, B> right) {
        return new Both<>(
            first.merge(left.first(), right.first()), second.merge(left.second(), right.second()));
      }
    };
  }

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
