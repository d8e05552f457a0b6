package org.ratepayer.billing.web.soap;

import org.apache.cxf.Bus;
import org.apache.cxf.bus.spring.SpringBus;
import org.apache.cxf.frontend.WSDLGetUtils;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFServlet;
import org.ratepayer.shared.config.PublicUrl;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * CXF serves exactly one path; the form variant {@code …/CloudInvoicing.asmx/UploadInvoiceFile} has a
 * servlet of its own. Both check the WebServiceKey before they read a large file.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
public class SoapConfiguration {

    static final String PATH = "/portal/webservices/CloudInvoicing.asmx";

    @Bean(name = Bus.DEFAULT_BUS_ID, destroyMethod = "shutdown")
    SpringBus cxfBus() {
        return new SpringBus();
    }

    @Bean
    ServletRegistrationBean<CXFServlet> cloudInvoicingServlet(SpringBus bus) {
        CXFServlet servlet = new CXFServlet();
        servlet.setBus(bus);
        ServletRegistrationBean<CXFServlet> reg = new ServletRegistrationBean<>(servlet, PATH);
        reg.setName("cloudInvoicing");
        reg.setLoadOnStartup(1);
        return reg;
    }

    @Bean
    ServletRegistrationBean<UploadFormServlet> cloudInvoicingFormServlet(InvoiceUploads uploads) {
        ServletRegistrationBean<UploadFormServlet> reg = new ServletRegistrationBean<>(new UploadFormServlet(uploads),
                PATH + "/UploadInvoiceFile");
        reg.setName("cloudInvoicingForm");
        return reg;
    }

    /**
     * The WSDL's soap:address is the public URL's (docs/security.md): by default CXF writes the address the caller
     * asked for, Host header included, so anyone could hand out a WSDL that sends partners' keys elsewhere.
     */
    @Bean
    EndpointImpl cloudInvoicingEndpoint(SpringBus bus, InvoiceUploads uploads, PublicUrl publicUrl) {
        EndpointImpl endpoint = new EndpointImpl(bus, new CloudInvoicingEndpoint(uploads));
        publicUrl.configured().ifPresent(base -> endpoint.setPublishedEndpointUrl(base + PATH));
        endpoint.getInInterceptors().add(new KeyFirstInterceptor(uploads));
        endpoint.getOutFaultInterceptors().add(new FaultWording());
        endpoint.publish("/");
        return endpoint;
    }

    /** Without a configured public URL the address is http://localhost:PORT, and the port is known only now. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> cloudInvoicingAddress(EndpointImpl cloudInvoicingEndpoint,
            PublicUrl publicUrl) {
        return event -> cloudInvoicingEndpoint.getServer().getEndpoint().getEndpointInfo()
                .setProperty(WSDLGetUtils.PUBLISHED_ENDPOINT_URL, publicUrl.link(PATH));
    }
}
