package org.ratepayer.cissim;

/**
 * How the CB service misbehaves.
 *
 * @param latencyMs      delay added to every reply, after the call was processed: a client that
 *                       times out may find its payment posted, and its retry answered as a duplicate
 * @param failureRate    0..1: share of calls answered, before processing, with a SOAP fault or a bare HTTP 500
 * @param soapFault      every call is answered with a SOAP fault, unprocessed
 * @param malformedReply every call is answered with broken XML, unprocessed
 * @param down           every request (CB and eprint) is answered 503 Service Unavailable
 */
public record FaultPlan(long latencyMs, double failureRate, boolean soapFault, boolean malformedReply, boolean down) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, false, false, false);

    public FaultPlan {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must not be negative: " + latencyMs);
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be within 0..1: " + failureRate);
        }
    }

    public static FaultPlan latency(long millis) {
        return new FaultPlan(millis, 0, false, false, false);
    }

    public static FaultPlan failing(double rate) {
        return new FaultPlan(0, rate, false, false, false);
    }

    public static FaultPlan alwaysSoapFault() {
        return new FaultPlan(0, 0, true, false, false);
    }

    public static FaultPlan alwaysMalformed() {
        return new FaultPlan(0, 0, false, true, false);
    }

    public static FaultPlan serviceDown() {
        return new FaultPlan(0, 0, false, false, true);
    }
}
