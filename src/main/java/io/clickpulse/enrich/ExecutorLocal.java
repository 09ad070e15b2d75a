package io.clickpulse.enrich;

import java.io.Serializable;

/**
 * A value a UDF needs on the executor (a shared lookup, a memo), created on first use in each
 * deserialized copy of the UDF, i.e. once per task and not once per row. Only the recipe is shipped
 * with the UDF.
 */
final class ExecutorLocal<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How to create the value on the executor. */
  interface Recipe<T> extends Serializable {
    T create();
  }

  private final Recipe<T> recipe;
  private transient volatile T value;

  ExecutorLocal(Recipe<T> recipe) {
    this.recipe = recipe;
  }

  T get() {
    T v = value;
    if (v == null) {
      v = recipe.create();
      value = v;
    }
    return v;
  }
}
