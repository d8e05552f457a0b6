package org.ratepayer.postings.web;

import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.ConflictException;
import org.ratepayer.shared.web.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.postings.internal.PostingRepository;
import org.ratepayer.postings.internal.PostingSignal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The postings monitor (docs/postings.md, C10): what is waiting, parked or delivered, and staff's retry and skip. */
@RestController
public class PostingController {

    private static final Set<String> STATUSES = Set.of("pending", "parked", "delivered", "skipped");

    private final PostingRepository postings;
    private final PostingSignal signal;

    public PostingController(PostingRepository postings, PostingSignal signal) {
        this.postings = postings;
        this.signal = signal;
    }

    public record Action(String reason) {
    }

    @GetMapping("/api/v1/billers/{bid}/postings")
    public List<PostingRepository.PostingView> list(@PathVariable long bid, Caller caller,
            @RequestParam(defaultValue = "pending") String status, @RequestParam(defaultValue = "100") int limit) {
        caller.actFor(bid, KeyKind.API);
        String s = status.toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            throw new BadRequestException("status", "must be one of pending, parked, delivered, skipped");
        }
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit", "must be between 1 and 1000");
        }
        return postings.list(bid, s.toUpperCase(Locale.ROOT), limit);
    }

    @GetMapping("/api/v1/billers/{bid}/postings/{id}")
    public PostingRepository.PostingView get(@PathVariable long bid, @PathVariable UUID id, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return postings.find(bid, id).orElseThrow(() -> new NotFoundException("biller " + bid + " has no posting " + id));
    }

    @PostMapping("/api/v1/billers/{bid}/postings/{id}/retry")
    public PostingRepository.PostingView retry(@PathVariable long bid, @PathVariable UUID id, Caller caller,
            @RequestBody(required = false) Action action) {
        return staff(bid, id, caller, action, postings::retry, "retried");
    }

    @PostMapping("/api/v1/billers/{bid}/postings/{id}/skip")
    public PostingRepository.PostingView skip(@PathVariable long bid, @PathVariable UUID id, Caller caller,
            @RequestBody(required = false) Action action) {
        return staff(bid, id, caller, action, postings::skip, "skipped");
    }

    /** A staff action on a parked posting (retry or skip): who and why are kept; the postings behind it may go on. */
    private interface StaffAction {
        boolean apply(long bid, UUID id, String actor, String reason);
    }

    private PostingRepository.PostingView staff(long bid, UUID id, Caller caller, Action action, StaffAction act, String verb) {
        caller.actFor(bid, KeyKind.API);
        boolean done = act.apply(bid, id, caller.actor(), reason(action));
        PostingRepository.PostingView p = postings.find(bid, id)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no posting " + id));
        if (!done) {
            throw new ConflictException("posting " + id + " is " + p.status().toLowerCase(Locale.ROOT)
                    + "; only a parked posting can be " + verb);
        }
        signal.wake();
        return p;
    }

    private static String reason(Action action) {
        if (action == null || action.reason() == null || action.reason().isBlank()) {
            throw new BadRequestException("reason", "say why (it is kept with the posting)");
        }
        return action.reason().trim();
    }
}
