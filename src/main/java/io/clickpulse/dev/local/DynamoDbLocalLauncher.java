package io.clickpulse.dev.local;

import java.lang.reflect.Field;

/**
 * Main class of the DynamoDB Local JVM. DynamoDB Local's own main binds 0.0.0.0; this one builds
 * the same server from the same arguments, sets its Jetty connectors to 127.0.0.1, then starts it.
 * Reflection only: DynamoDB Local is never on clickpulse's classpath, and this class is copied on
 * its own into the emulator's classpath at start.
 */
public final class DynamoDbLocalLauncher {
  private DynamoDbLocalLauncher() {}

  public static void main(String[] args) throws Exception {
    Class<?> runner = Class.forName("com.amazonaws.services.dynamodbv2.local.main.ServerRunner");
    Object proxy =
        runner
            .getMethod("createServerFromCommandLineArgs", String[].class)
            .invoke(null, (Object) args);
    Field serverField = proxy.getClass().getDeclaredField("server");
    serverField.setAccessible(true);
    Object jetty = serverField.get(proxy);
    for (Object connector : (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty)) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
    proxy.getClass().getMethod("start").invoke(proxy);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    proxy.getClass().getMethod("stop").invoke(proxy);
                  } catch (ReflectiveOperationException e) {
                    // exiting anyway
                  }
                }));
    proxy.getClass().getMethod("join").invoke(proxy);
  }
}
