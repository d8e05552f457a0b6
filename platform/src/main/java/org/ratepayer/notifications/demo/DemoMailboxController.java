package org.ratepayer.notifications.demo;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.charset.StandardCharsets;
import org.ratepayer.notifications.internal.EmailProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** GET /demo/mailbox: what the demo's SMTP server caught. Exists only in the demo profile. */
@Controller
@Profile("demo")
public class DemoMailboxController {

    private final GreenMail server;
    private final MailboxPage page;

    public DemoMailboxController(GreenMail demoSmtpServer, EmailProperties props) {
        this.server = demoSmtpServer;
        this.page = new MailboxPage(props.zoneOrDefault());
    }

    @GetMapping("/demo/mailbox")
    public ResponseEntity<String> mailbox() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(page.render(CaughtMail.all(server)));
    }
}
