package org.ratepayer.notifications.demo;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The demo mailbox as one self-contained HTML page: no scripts, no external assets, every value
 * escaped (an email's subject and text are whatever the sender put there).
 */
public class MailboxPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.US);

    private final ZoneId zone;

    public MailboxPage(ZoneId zone) {
        this.zone = zone;
    }

    public String render(List<CaughtMail> mails) {
        StringBuilder h = new StringBuilder(4096 + mails.size() * 1024);
        h.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Demo mailbox — Ratepayer</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1a1a1a; }
                article { border: 1px solid #888; border-radius: 4px; padding: 0 1rem 1rem; margin: 1rem 0; }
                dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
                dt { font-weight: bold; }
                dd { margin: 0; overflow-wrap: anywhere; }
                pre { white-space: pre-wrap; background: #f4f4f4; padding: .75rem; }
                a { color: #0645ad; }
                </style>
                </head>
                <body>
                <main>
                <h1>Demo mailbox</h1>
                <p>Email the demo sent, caught by its built-in SMTP server: nothing leaves this machine. Newest first.
                <a href="/demo/mailbox">Refresh</a></p>
                """);
        if (mails.isEmpty()) {
            h.append("<p>No email yet. Pay a bill with a payer email address and its receipt appears here.</p>\n");
        } else {
            h.append("<p>").append(mails.size()).append(mails.size() == 1 ? " email" : " emails").append("</p>\n");
        }
        int n = 0;
        for (CaughtMail m : mails) {
            n++;
            h.append("<article aria-labelledby=\"mail-").append(n).append("\">\n<h2 id=\"mail-").append(n).append("\">")
                    .append(esc(m.subject().isEmpty() ? "(no subject)" : m.subject())).append("</h2>\n<dl>\n")
                    .append("<dt>To</dt><dd>").append(esc(String.join(", ", m.to()))).append("</dd>\n")
                    .append("<dt>From</dt><dd>").append(esc(m.from())).append("</dd>\n")
                    .append("<dt>Received</dt><dd>");
            if (m.receivedAt() != null) {
                h.append("<time datetime=\"").append(m.receivedAt()).append("\">").append(esc(WHEN.format(m.receivedAt().atZone(zone))))
                        .append("</time>");
            } else {
                h.append("unknown");
            }
            h.append("</dd>\n</dl>\n<pre>").append(esc(m.text())).append("</pre>\n</article>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
    }
}
