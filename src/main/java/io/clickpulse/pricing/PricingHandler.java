package io.clickpulse.pricing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.PricingHandlerConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * AWS Lambda handler for the DynamoDB stream of {@code product_demand} (NEW_AND_OLD_IMAGES, with
 * ReportBatchItemFailures on the event source mapping). Each record goes through {@link
 * PriceStore}; a record that cannot be used (REMOVE, malformed image) is logged and skipped, since
 * a retry cannot fix it; a record whose write failed (conflicts beyond the attempts, throttling
 * beyond the SDK's retries) is reported in {@code batchItemFailures}, so Lambda retries from it and
 * records already applied are recognised and skipped.
 *
 * <p>On Lambda the handler reads clickpulse config from the environment: {@code CLICKPULSE_ARGS}
 * (e.g. {@code --profile aws --aws.region eu-west-1 --pricing.ceiling 1.3}), checking only the keys
 * it uses ({@link PricingHandlerConfig}).
 */
public final class PricingHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private final PriceStore store;
  private final String changedBy;
  private final Consumer<PriceStore.Outcome> listener;
  private final Consumer<String> localLog;

  /** Lambda's constructor: config from CLICKPULSE_ARGS (profile aws unless it says otherwise). */
  public PricingHandler() {
    this(
        fromEnvironment(),
        "lambda:" + System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "pricing"),
        o -> {},
        System.out::println);
  }

  /**
   * For the local poller and tests: outcomes go to the listener, log lines (without a Lambda
   * context) to localLog.
   */
  public PricingHandler(
      PriceStore store,
      String changedBy,
      Consumer<PriceStore.Outcome> listener,
      Consumer<String> localLog) {
    this.store = store;
    this.changedBy = changedBy;
    this.listener = listener;
    this.localLog = localLog;
  }

  private static PriceStore fromEnvironment() {
    PricingHandlerConfig c = config(System.getenv("CLICKPULSE_ARGS"));
    return new PriceStore(
        new AwsClients(c.aws()).dynamoDb(),
        c.productsTable(),
        c.priceHistoryTable(),
        c.pricing(),
        Clock.systemUTC());
  }

  /**
   * The handler's config from CLICKPULSE_ARGS (null or blank: none) after {@code --profile aws}.
   */
  static PricingHandlerConfig config(String clickpulseArgs) {
    List<String> args = new ArrayList<>(List.of("--profile", "aws"));
    if (clickpulseArgs != null && !clickpulseArgs.isBlank()) {
      args.addAll(Arrays.asList(clickpulseArgs.trim().split("\\s+")));
    }
    return PricingHandlerConfig.fromArgs(args);
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    int changed = 0;
    int skipped = 0;
    for (DynamodbStreamRecord r :
        event.getRecords() == null ? List.<DynamodbStreamRecord>of() : event.getRecords()) {
      DemandChange.Parsed parsed = DemandChange.parse(r);
      if (parsed.change() == null) {
        skipped++;
        log(context, "pricing: skipped record " + r.getEventID() + ": " + parsed.skipReason());
        continue;
      }
      try {
        PriceStore.Outcome o = store.apply(parsed.change(), changedBy);
        listener.accept(o);
        if (o.result() == PriceStore.Result.CHANGED) {
          changed++;
          if (context != null) {
            log(
                context,
                "pricing: product "
                    + o.productId()
                    + " "
                    + o.oldPrice()
                    + " -> "
                    + o.newPrice()
                    + " ("
                    + o.reason()
                    + ")");
          }
        }
      } catch (RuntimeException e) {
        failures.add(new StreamsEventResponse.BatchItemFailure(parsed.change().sequenceNumber()));
        log(context, "pricing: record " + r.getEventID() + " failed, reported for retry: " + e);
      }
    }
    log(
        context,
        String.format(
            "pricing: %d records, %d price changes, %d skipped, %d failed",
            event.getRecords() == null ? 0 : event.getRecords().size(),
            changed,
            skipped,
            failures.size()));
    return new StreamsEventResponse(failures);
  }

  private void log(Context context, String line) {
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line + "\n");
    } else {
      localLog.accept(line);
    }
  }
}
