package org.ratepayer.web;

import java.util.Map;
import org.ratepayer.billers.BillerNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** The pages' answer to a biller that does not exist ({@code /pay/99999}): the not-found page, not an error. */
@ControllerAdvice(assignableTypes = {PaymentPageController.class, PayNowPageController.class})
class PageErrors {

    @ExceptionHandler(BillerNotFoundException.class)
    ModelAndView noSuchBiller() {
        return new ModelAndView("error", Map.of("status", 404), HttpStatus.NOT_FOUND);
    }
}
