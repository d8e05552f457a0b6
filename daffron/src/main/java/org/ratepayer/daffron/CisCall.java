package org.ratepayer.daffron;

import java.util.List;

import org.ratepayer.cis.PostingResult;
import org.ratepayer.multispeak.CbClient;

/** One MultiSpeak call carrying several postings, and how to read its answer item by item. */
interface CisCall {

    DataPumpEndpoint endpoint();

    List<? extends Outgoing<?>> items();

    /**
     * Sends the items and judges the answer: one result per item, in item order.
     *
     * @throws org.ratepayer.multispeak.MultiSpeakException when the call got no usable answer
     * @throws org.ratepayer.cis.CisException MALFORMED when the answer cannot be matched to the items
     */
    List<PostingResult> send(CbClient client);
}
