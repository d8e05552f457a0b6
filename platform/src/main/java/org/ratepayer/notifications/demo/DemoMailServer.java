package org.ratepayer.notifications.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The demo's own SMTP server: every email the demo sends is caught here and shown at /demo/mailbox,
 * and nothing reaches a real inbox. Its sender replaces any spring.mail.* settings, on purpose.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoMailServer {

    /** @param port 0 picks a free port (the demo may run beside another demo) */
    @Bean(destroyMethod = "stop")
    GreenMail demoSmtpServer(@Value("${ratepayer.demo.smtp-port:0}") int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    @Bean
    JavaMailSender demoMailSender(GreenMail demoSmtpServer) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(demoSmtpServer.getSmtp().getPort());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        return sender;
    }
}
