package org.ratepayer.billing.web.soap;

import org.apache.cxf.Bus;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.frontend.WSDLGetUtils;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.ratepayer.billing.internal.CustomerRecords;
import org.ratepayer.shared.config.PublicUrl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CloudManagement web service (UpdateCustomerRecord), served like CloudInvoicing at exactly one path. It has a
 * CXF bus of its own: a bus serves its endpoints under one servlet, and each service keeps its own exact address.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
public class CloudManagementConfiguration {

    static final String PATH = "/portal/webservices/CloudManagement.asmx";

    /** The bus and the published endpoint; closing it shuts the bus down. */
    static final class CloudManagement implements AutoCloseable {
        final Bus bus = new ExtensionManagerBus();
        final EndpointImpl endpoint;

        CloudManagement(InvoiceUploads keys, CustomerRecords records, PublicUrl publicUrl) {
            endpoint = new EndpointImpl(bus, new CloudManagementEndpoint(keys, records));
            // The WSDL's soap:address is the public URL's, never the caller's Host header (docs/security.md).
            publicUrl.configured().ifPresent(base -> endpoint.setPublishedEndpointUrl(base + PATH));
            endpoint.getOutFaultInterceptors().add(new FaultWording("UpdateCustomerRecord",
                    "send UpdateCustomerRecord with BillerGUID, WebServiceKey, AccountNumber and the values to change"
                            + " (see the service description at ?wsdl)"));
            endpoint.publish("/");
        }

        @Override
        public void close() {
            bus.shutdown(true);
        }
    }

    @Bean
    CloudManagement cloudManagement(InvoiceUploads keys, CustomerRecords records, PublicUrl publicUrl) {
        return new CloudManagement(keys, records, publicUrl);
    }

    @Bean
    ServletRegistrationBean<CXFNonSpringServlet> cloudManagementServlet(CloudManagement management) {
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(management.bus);
        ServletRegistrationBean<CXFNonSpringServlet> reg = new ServletRegistrationBean<>(servlet, PATH);
        reg.setName("cloudManagement");
        reg.setLoadOnStartup(1);
        return reg;
    }

    /** Without a configured public URL the address is http://localhost:PORT, and the port is known only now. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> cloudManagementAddress(CloudManagement management, PublicUrl publicUrl) {
        return event -> management.endpoint.getServer().getEndpoint().getEndpointInfo()
                .setProperty(WSDLGetUtils.PUBLISHED_ENDPOINT_URL, publicUrl.link(PATH));
    }
}
