package io.latchkey.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The pages the mails link to (APP_FRONTEND_URL + /verify/email/?token=, /password/update/?token=) are the SPA's
 * one HTML shell, which reads the path and shows the right view.
 */
@WebServlet({"/verify/email/", "/password/update/", "/password/reset/", "/email/confirm/", "/email/undo/",
    "/login/email/"})
public class SpaPages extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/index.html").forward(request, response);
    }
}
