package io.localtrust.gateway.console;

/** The sign-in form: the console password only (set at {@code gateway init} or by {@code gateway console-password}). */
final class LoginPage {
    private LoginPage() {
    }

    static String render(Layout.Viewer v, String message) {
        StringBuilder b = new StringBuilder();
        if (!message.isEmpty()) {
            b.append("<p class=\"error\" role=\"alert\" id=\"login-error\">").append(Html.esc(message)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/console/login\" id=\"login\">")
                .append("<label for=\"password\">Console password</label> ")
                .append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required autofocus> ")
                .append("<button type=\"submit\">Sign in</button></form>")
                .append("<p class=\"hint\">Forgot it? On the gateway: <code>localtrust gateway console-password --dir DIR</code>.</p>");
        return Layout.page("Sign in", "login", v, b.toString());
    }
}
