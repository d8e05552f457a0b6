package org.ratepayer.shared.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** The pages' answer to a biller that does not exist ({@code /pay/99999}): the not-found page, not an error. */
@ControllerAdvice(annotations = PayerPage.class)
class PageErrors {

    /** A refusal of anything else is not the page's to answer; it goes on to the error page as before. */
    @ExceptionHandler(Refusal.class)
    ModelAndView noSuchBiller(Refusal e) {
        if (e.kind() != Refusal.Kind.NOT_FOUND) {
            throw e;
        }
        return new ModelAndView("error", Map.of("status", 404), HttpStatus.NOT_FOUND);
    }
}
