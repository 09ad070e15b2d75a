package io.clickpulse.dev.seed;

/** A registered user as stored in the DynamoDB {@code users} table. */
public record User(String userId, String name, String segment) {}
