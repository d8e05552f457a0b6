package org.ratepayer.staff.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.Refusal;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffForbidden;
import org.ratepayer.staff.StaffPage;
import org.ratepayer.staff.internal.StaffRepository;
import org.ratepayer.staff.internal.StaffSignIn;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Staff pages that take a {@link SignedInStaff} get the user signed in to the biller of their path
 * ({@code /staff/{bid}/…}), read afresh from the database (disabled: signed out at once), with {@code staff} and
 * {@code biller} put in the model for the layout. Nobody signed in: the sign-in page, and back here afterwards
 * (for a GET). A user whose password was chosen by someone else is sent to choose their own first.
 * {@link StaffForbidden} from a page marked {@link StaffPage} is a 403 page saying why (docs/staff-portal.md).
 */
@Component
@ControllerAdvice(annotations = StaffPage.class)
class StaffGuard implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final BillerService billers;
    private final StaffSignIn signIn;

    StaffGuard(BillerService billers, StaffSignIn signIn) {
        this.billers = billers;
        this.signIn = signIn;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SignedInStaff.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest web,
            WebDataBinderFactory binders) {
        HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        long bid = Long.parseLong(path.get("bid"));
        mav.addAttribute("biller", billers.cachedBiller(bid));
        String query = request.getQueryString();
        String here = request.getRequestURI() + (query == null ? "" : "?" + query);
        Optional<SignedInStaff> session = StaffSession.current(request, bid);
        Optional<StaffRepository.Row> found = session.flatMap(s -> signIn.user(bid, s.userId())).filter(StaffRepository.Row::enabled);
        if (found.isEmpty()) {
            if (session.isPresent()) {
                // disabled (or gone) since signing in: out at once
                StaffSession.signOut(request);
            }
            throw new StaffSignInRequired(UriComponentsBuilder.fromPath(StaffLinks.home(bid) + "/sign-in")
                    .queryParam("next", "GET".equals(request.getMethod()) ? StaffLinks.safeTarget(bid, here) : StaffLinks.home(bid))
                    .encode().build().toUriString());
        }
        StaffRepository.Row user = found.get();
        if (user.mustChangePassword() && !request.getRequestURI().equals(StaffLinks.home(bid) + "/password")) {
            throw new StaffSignInRequired(StaffLinks.home(bid) + "/password");
        }
        SignedInStaff staff = new SignedInStaff(user.bid(), user.userId(), user.username(), user.role(), user.partnerSupport());
        mav.addAttribute("staff", staff);
        return staff;
    }

    @ExceptionHandler(StaffSignInRequired.class)
    String signInFirst(StaffSignInRequired e) {
        return "redirect:" + e.redirect();
    }

    @ExceptionHandler(StaffForbidden.class)
    ModelAndView forbidden(StaffForbidden e, HttpServletRequest request, HttpServletResponse response) {
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        ModelAndView page = new ModelAndView("staff/forbidden", HttpStatus.FORBIDDEN);
        page.addObject("reason", e.getMessage());
        if (path != null && path.get("bid") != null) {
            long bid = Long.parseLong(path.get("bid"));
            page.addObject("biller", billers.cachedBiller(bid));
            StaffSession.current(request, bid).ifPresent(s -> page.addObject("staff", s));
        }
        return page;
    }

    /** A biller that does not exist, or a user of another biller: the not-found page. */
    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal e) {
        if (e.kind() != Refusal.Kind.NOT_FOUND) {
            throw e;
        }
        return new ModelAndView("error", Map.of("status", 404), HttpStatus.NOT_FOUND);
    }
}
