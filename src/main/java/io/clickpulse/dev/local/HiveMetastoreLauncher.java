package io.clickpulse.dev.local;

import java.net.InetSocketAddress;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.TSetIpAddressProcessor;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.TTransportFactory;

/**
 * Main class of the local stack's Hive 2.3.9 Thrift metastore (Spark's own Hive jars), the shared
 * catalog of Spark and Trino. HiveMetaStore.main binds every interface and Hive 2.3 has no
 * bind-host setting, so this runs Hive's plain (no SASL, no SSL) server path on 127.0.0.1 only. Its
 * own JVM: started with the stack's hive-site.xml and Spark's class path, nothing of the job jar.
 * Arguments: PORT.
 */
public final class HiveMetastoreLauncher {
  private HiveMetastoreLauncher() {}

  public static void main(String[] args) throws TTransportException, ReflectiveOperationException {
    int port = Integer.parseInt(args[0]);
    HiveConf conf = new HiveConf(HiveMetaStore.class); // hive-site.xml from the class path
    ThriftHiveMetastore.Iface handler;
    try {
      handler = HiveMetaStore.newRetryingHMSHandler("clickpulse local metastore", conf, false);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the metastore could not open its Derby database: " + e.getMessage(), e);
    }
    TServerSocket socket = new TServerSocket(new InetSocketAddress(FreePort.LOOPBACK, port));
    TThreadPoolServer.Args server =
        new TThreadPoolServer.Args(socket)
            .processor(new TSetIpAddressProcessor<>(handler))
            .transportFactory(new TTransportFactory())
            .protocolFactory(new TBinaryProtocol.Factory())
            .inputProtocolFactory(
                new TBinaryProtocol.Factory(
                    true,
                    true,
                    conf.getLongVar(HiveConf.ConfVars.METASTORESERVERMAXMESSAGESIZE),
                    -1))
            .minWorkerThreads(conf.getIntVar(HiveConf.ConfVars.METASTORESERVERMINTHREADS))
            .maxWorkerThreads(conf.getIntVar(HiveConf.ConfVars.METASTORESERVERMAXTHREADS));
    System.out.println("metastore: listening on thrift://" + FreePort.LOOPBACK + ":" + port);
    new TThreadPoolServer(server).serve();
  }
}
