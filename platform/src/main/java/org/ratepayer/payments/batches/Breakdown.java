package org.ratepayer.payments.batches;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;

/**
 * The batch report's figures: totals per method, per channel and overall, all from one set of
 * (method, channel) cells, so the three views can never disagree with each other.
 */
public record Breakdown(Totals total, Map<Method, Totals> byMethod, Map<Channel, Totals> byChannel) {

    /** The payments of one method taken through one channel. */
    public record Cell(Method method, Channel channel, Totals totals) {
    }

    public static Breakdown of(List<Cell> cells) {
        Totals total = Totals.NONE;
        Map<Method, Totals> byMethod = new EnumMap<>(Method.class);
        Map<Channel, Totals> byChannel = new EnumMap<>(Channel.class);
        for (Cell c : cells) {
            total = total.plus(c.totals());
            byMethod.merge(c.method(), c.totals(), Totals::plus);
            byChannel.merge(c.channel(), c.totals(), Totals::plus);
        }
        return new Breakdown(total, Collections.unmodifiableMap(byMethod), Collections.unmodifiableMap(byChannel));
    }
}
