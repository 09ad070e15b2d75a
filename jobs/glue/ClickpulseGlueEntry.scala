// The Glue script of every clickpulse job (ScriptLocation).
//
// AWS Glue compiles a Scala job's script before each run, also when the entry point named by
// --class (io.clickpulse.streaming.StreamingJob, io.clickpulse.batch.*Job) is a Java class in the
// job jar given with --extra-jars. This stub is that script: it compiles against the job jar and
// has one forwarding object per job. The jobs in jobs/clickpulse.yaml run the Java class itself
// (--class io.clickpulse...); should Glue ever insist that the entry point be defined in the
// script, point --class at the matching object below (e.g. --class ClickpulseStreamingJob): each
// calls the Java main with Glue's arguments unchanged.
object ClickpulseStreamingJob {
  def main(sysArgs: Array[String]): Unit = io.clickpulse.streaming.StreamingJob.main(sysArgs)
}

object ClickpulseSessionsJob {
  def main(sysArgs: Array[String]): Unit = io.clickpulse.batch.SessionsJob.main(sysArgs)
}

object ClickpulseFlattenJob {
  def main(sysArgs: Array[String]): Unit = io.clickpulse.batch.FlattenJob.main(sysArgs)
}

object ClickpulseCatalogJob {
  def main(sysArgs: Array[String]): Unit = io.clickpulse.batch.CatalogJob.main(sysArgs)
}

object ClickpulseAggregateJob {
  def main(sysArgs: Array[String]): Unit = io.clickpulse.batch.AggregateJob.main(sysArgs)
}

object ClickpulseCompactionJob {
  def main(sysArgs: Array[String]): Unit = io.clickpulse.batch.CompactionJob.main(sysArgs)
}

object ClickpulseDailyJob {
  def main(sysArgs: Array[String]): Unit = io.clickpulse.batch.DailyJob.main(sysArgs)
}
