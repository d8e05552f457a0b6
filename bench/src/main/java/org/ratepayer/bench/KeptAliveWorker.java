package org.ratepayer.bench;

/** A load worker on one keep-alive connection to the platform on 127.0.0.1. */
abstract class KeptAliveWorker implements LoadRun.Worker {

    protected final KeepAliveClient client;

    KeptAliveWorker(int port, int timeoutMillis) {
        this.client = new KeepAliveClient("127.0.0.1", port, timeoutMillis);
    }

    @Override
    public int connects() {
        return client.connects();
    }

    @Override
    public void close() {
        client.close();
    }
}
