package org.ratepayer.cissim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin REST API (JSON), a thin layer over {@link SimulatorState}, for whoever holds the admin token
 * ({@code Authorization: Bearer <token>}, see {@link CisSimulator#adminToken()}): it can reset the CIS and read every
 * posting, and the demo allows partner postbacks to any port on this machine.
 * <pre>
 * PUT    /admin/accounts/{accountNumber}   load or replace one account
 * POST   /admin/accounts                   load many: a JSON array of accounts, each with accountNumber
 * GET    /admin/accounts[/{accountNumber}] read accounts (one also shows its EBILL flag as "ebill")
 * DELETE /admin/accounts/{accountNumber}
 * GET    /admin/postings                   payments, paperless, historyComments, in arrival order
 * GET    /admin/postings/summary           running totals (PostingCounts), cheap at any volume
 * GET    /admin/refusals                   accounts whose postings are refused, with the reason
 * PUT    /admin/refusals/{accountNumber}   refuse its postings: {"reason": "..."} (optional body)
 * DELETE /admin/refusals/{accountNumber}   accept them again
 * GET|PUT|DELETE /admin/faults             {"latencyMs","failureRate","soapFault","malformedReply","down"}
 * POST   /admin/reset                      forget accounts and postings, clear faults
 * </pre>
 */
final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String JSON = "application/json";
    private static final String ACCOUNTS = "/accounts";
    private static final String REFUSALS = "/refusals";

    private final transient SimulatorState state;
    private final transient ObjectMapper json;
    private final byte[] token;

    AdminServlet(SimulatorState state, ObjectMapper json, String token) {
        this.state = state;
        this.json = json;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null
                || !MessageDigest.isEqual(token, authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"cis-simulator admin\"");
            // The stranger's body is left unread, so this connection ends here: a client must not send its next request on it.
            response.setHeader("Connection", "close");
            error(response, 401, "send the admin token as 'Authorization: Bearer <token>' (printed at start)");
            return;
        }
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        try {
            route(method, path, request, response);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            error(response, 400, e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        }
    }

    private void route(String method, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (path.equals(ACCOUNTS) || path.equals(ACCOUNTS + "/")) {
            switch (method) {
                case "GET" -> write(response, 200, state.accounts());
                case "POST" -> loadAccounts(request, response);
                default -> notAllowed(response);
            }
        } else if (path.startsWith(ACCOUNTS + "/")) {
            String accountNumber = path.substring(ACCOUNTS.length() + 1);
            switch (method) {
                case "GET" -> readAccount(accountNumber, response);
                case "PUT" -> putAccount(accountNumber, request, response);
                case "DELETE" -> response.setStatus(state.removeAccount(accountNumber) ? 204 : 404);
                default -> notAllowed(response);
            }
        } else if (path.equals("/postings")) {
            if ("GET".equals(method)) {
                write(response, 200, state.postings());
            } else {
                notAllowed(response);
            }
        } else if (path.equals("/postings/summary")) {
            if ("GET".equals(method)) {
                write(response, 200, state.postingCounts());
            } else {
                notAllowed(response);
            }
        } else if (path.equals(REFUSALS) || path.equals(REFUSALS + "/")) {
            if ("GET".equals(method)) {
                write(response, 200, state.refusals());
            } else {
                notAllowed(response);
            }
        } else if (path.startsWith(REFUSALS + "/")) {
            String accountNumber = path.substring(REFUSALS.length() + 1);
            switch (method) {
                case "PUT" -> {
                    JsonNode body = json.readTree(request.getInputStream());
                    state.refusePostings(accountNumber, body == null || body.isMissingNode() || body.isNull()
                            ? null : body.path("reason").asText(null));
                    write(response, 200, Map.of(accountNumber, state.refusals().get(accountNumber)));
                }
                case "DELETE" -> {
                    boolean known = state.refusals().containsKey(accountNumber);
                    state.acceptPostings(accountNumber);
                    response.setStatus(known ? 204 : 404);
                }
                default -> notAllowed(response);
            }
        } else if (path.equals("/faults")) {
            switch (method) {
                case "GET" -> write(response, 200, state.faults());
                case "PUT" -> {
                    state.setFaults(json.readValue(request.getInputStream(), FaultPlan.class));
                    write(response, 200, state.faults());
                }
                case "DELETE" -> {
                    state.clearFaults();
                    write(response, 200, state.faults());
                }
                default -> notAllowed(response);
            }
        } else if (path.equals("/reset")) {
            if ("POST".equals(method)) {
                state.reset();
                response.setStatus(204);
            } else {
                notAllowed(response);
            }
        } else {
            error(response, 404, "no such admin resource: " + path);
        }
    }

    private void loadAccounts(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<CisAccount> accounts = json.readValue(request.getInputStream(), new TypeReference<List<CisAccount>>() {
        });
        if (accounts.contains(null)) {
            throw new IllegalArgumentException("null account in the list");
        }
        state.putAccounts(accounts);
        write(response, 200, Map.of("loaded", accounts.size()));
    }

    private void putAccount(String accountNumber, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonNode body = json.readTree(request.getInputStream());
        if (!(body instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the account must be a JSON object");
        }
        JsonNode given = object.get("accountNumber");
        if (given != null && !given.isNull() && !accountNumber.equals(given.asText())) {
            throw new IllegalArgumentException("accountNumber " + given.asText() + " in the body differs from "
                    + accountNumber + " in the path");
        }
        object.put("accountNumber", accountNumber);
        CisAccount account = json.treeToValue(object, CisAccount.class);
        state.putAccount(account);
        write(response, 200, account);
    }

    private void readAccount(String accountNumber, HttpServletResponse response) throws IOException {
        var account = state.account(accountNumber);
        if (account.isEmpty()) {
            error(response, 404, "unknown account " + accountNumber);
            return;
        }
        ObjectNode view = json.valueToTree(account.get());
        state.paperless(accountNumber).ifPresent(flag -> view.put("ebill", flag));
        write(response, 200, view);
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(JSON);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, Map.of("error", message == null ? "invalid request" : message));
    }

    private void notAllowed(HttpServletResponse response) throws IOException {
        error(response, 405, "method not allowed");
    }
}
