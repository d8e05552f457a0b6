package org.ratepayer.multispeak;

import java.net.URL;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.ConnectionType;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.ratepayer.multispeak.v3.CBServerSoap;

/**
 * Makes {@link CbClient}s, one per {@link CbEndpoint}, and keeps them: a CXF proxy is costly to
 * build and cheap to reuse.
 *
 * <p>Thread safety: a CXF proxy may be invoked concurrently, but reconfiguring it (conduit,
 * address, request context) while calls are in flight is unsafe. So each proxy is configured
 * completely inside {@link #client} before any caller can see it and is never touched again;
 * its request context is made per-thread, because CXF itself writes into it on every call; and an
 * endpoint whose settings change is a different key, hence a different proxy.
 */
public final class MultiSpeakClientFactory implements AutoCloseable {

    /** CXF's switch for a per-thread request/response context on a shared proxy. */
    private static final String THREAD_LOCAL_CONTEXT = "thread.local.request.context";
    /** CXF's switch that makes JAXB fail on elements it does not know; a CIS may add some. */
    private static final String STRICT_UNMARSHALLING = "set-jaxb-validation-event-handler";
    /**
     * CXF 4 sends through java.net.http.HttpClient by default, which completes every call on a
     * new thread where the common pool has fewer than two workers (any 2-core host): measured
     * three to four times slower than the HttpURLConnection transport chosen here.
     */
    private static final String URL_CONNECTION_TRANSPORT = "force.urlconnection.http.conduit";

    private final Bus bus;
    private final boolean ownsBus;
    private final RequestHeaders headers;
    private final FailureTranslator failures = new FailureTranslator();
    private final URL wsdl;
    private final ConcurrentMap<CbEndpoint, CxfCbClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A factory with a CXF bus of its own, closed with it. */
    public MultiSpeakClientFactory() {
        this(clientBus(), true, Clock.systemUTC());
    }

    /** A factory on a bus the caller owns (e.g. the application's), stamping headers with {@code clock}. */
    public MultiSpeakClientFactory(Bus bus, Clock clock) {
        this(bus, false, clock);
    }

    private MultiSpeakClientFactory(Bus bus, boolean ownsBus, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.ownsBus = ownsBus;
        this.headers = new RequestHeaders(Objects.requireNonNull(clock, "clock"));
        this.wsdl = Objects.requireNonNull(MultiSpeakClientFactory.class.getClassLoader()
                .getResource(MultiSpeak.WSDL_RESOURCE), "WSDL missing from the classpath");
    }

    /**
     * A bus for MultiSpeak clients only. Its WS-Policy engine is off: the MultiSpeak 3.0 WSDL declares
     * no policy, yet with cxf-rt-ws-policy on the classpath (the JAX-WS frontend brings it) the engine
     * puts four interceptors on every call that work out an empty effective policy, about 4 % of a
     * balance refresh's request-thread CPU (bench/balance-refresh.sh --profile). A bus handed in by the
     * caller is left as it is.
     */
    private static Bus clientBus() {
        Bus bus = BusFactory.newInstance().createBus();
        PolicyEngine policies = bus.getExtension(PolicyEngine.class);
        if (policies != null) {
            policies.setEnabled(false);
        }
        return bus;
    }

    /** The client for {@code endpoint}, created on first use. */
    public CbClient client(CbEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (closed) {
            throw new IllegalStateException("MultiSpeakClientFactory is closed");
        }
        return clients.computeIfAbsent(endpoint, this::create);
    }

    private CxfCbClient create(CbEndpoint endpoint) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(CBServerSoap.class);
        factory.setWsdlURL(wsdl.toString());
        factory.setServiceName(MultiSpeak.SERVICE);
        factory.setEndpointName(MultiSpeak.PORT);
        factory.setAddress(endpoint.url());
        factory.setProperties(new ConcurrentHashMap<>(Map.of(
                STRICT_UNMARSHALLING, Boolean.FALSE,
                URL_CONNECTION_TRANSPORT, Boolean.TRUE)));
        factory.getInFaultInterceptors().add(new ReceivedFaultMarker());
        CBServerSoap port = factory.create(CBServerSoap.class);

        Client client = ClientProxy.getClient(port);
        client.getRequestContext().put(THREAD_LOCAL_CONTEXT, Boolean.TRUE);
        ((HTTPConduit) client.getConduit()).setClient(policy(endpoint));
        return new CxfCbClient(endpoint, port, headers, failures);
    }

    private static HTTPClientPolicy policy(CbEndpoint endpoint) {
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(endpoint.connectTimeout().toMillis());
        policy.setReceiveTimeout(endpoint.readTimeout().toMillis());
        policy.setConnection(ConnectionType.KEEP_ALIVE);
        // a fixed Content-Length instead of chunks: older SOAP stacks in front of a CIS mishandle chunking
        policy.setAllowChunking(false);
        policy.setAutoRedirect(false);
        return policy;
    }

    /** Destroys every client; closes the bus if this factory created it. */
    @Override
    public void close() {
        closed = true;
        clients.values().forEach(CxfCbClient::close);
        clients.clear();
        if (ownsBus) {
            bus.shutdown(true);
        }
    }
}
