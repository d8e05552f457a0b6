package org.ratepayer.cissim;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Makes the CB service misbehave as the current {@link FaultPlan} says. WSDL downloads (GET) are
 * only subject to {@code down}; every SOAP call (POST) to all of it.
 */
final class FaultInjectionFilter implements Filter {

    /** What a Toolbox that crashed mid-reply sends: the start of an envelope, cut off. */
    static final String BROKEN_REPLY = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope "
            + "xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><GetPayableItemsListResponse "
            + "xmlns=\"http://www.multispeak.org/Version_3.0\"><GetPayableItemsListResult><payableItem><pastDue";

    private final SimulatorState state;

    FaultInjectionFilter(SimulatorState state) {
        this.state = state;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        FaultPlan plan = state.faults();
        if (plan.down()) {
            Replies.serviceUnavailable(response);
            return;
        }
        if (!"POST".equals(request.getMethod()) || plan.equals(FaultPlan.NONE)) {
            chain.doFilter(request, response);
            return;
        }
        if (plan.soapFault()) {
            answerSoapFault(request, response, "Simulated CIS failure");
            return;
        }
        if (plan.malformedReply()) {
            request.getInputStream().readAllBytes();
            Replies.send(response, HttpServletResponse.SC_OK, "text/xml; charset=utf-8", BROKEN_REPLY);
            return;
        }
        if (plan.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < plan.failureRate()) {
            if (ThreadLocalRandom.current().nextBoolean()) {
                answerSoapFault(request, response, "Simulated intermittent CIS failure");
            } else {
                request.getInputStream().readAllBytes();
                Replies.send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "text/html; charset=utf-8",
                        "<html><body><h1>500 Internal Server Error</h1></body></html>");
            }
            return;
        }
        if (plan.latencyMs() > 0) {
            delayedAfterProcessing(request, response, chain, plan.latencyMs());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Processes the call, then holds the finished reply back: the CIS did the work but answers late. */
    private static void delayedAfterProcessing(HttpServletRequest request, HttpServletResponse response,
                                               FilterChain chain, long latencyMs)
            throws IOException, ServletException {
        HeldResponse held = new HeldResponse(response);
        chain.doFilter(request, held);
        try {
            Thread.sleep(latencyMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        held.release();
    }

    private static void answerSoapFault(HttpServletRequest request, HttpServletResponse response, String text)
            throws IOException {
        request.getInputStream().readAllBytes();
        String fault = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:Server</faultcode><faultstring>" + text + "</faultstring>"
                + "</soap:Fault></soap:Body></soap:Envelope>";
        Replies.send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "text/xml; charset=utf-8", fault);
    }

}
