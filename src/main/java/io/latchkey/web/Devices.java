package io.latchkey.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import ua_parser.CachingParser;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * What a person recognises a device by, from its User-Agent header: "Chrome on Linux", "Mobile Safari on iOS". The
 * parsing is ua-parser's, whose regexes follow new browsers. The header is the client's to write, and the
 * description goes into mails in Latchkey's name (new-device notices), so only names from a fixed list of browsers
 * and systems are ever shown: some of ua-parser's rules copy words of the header into the name they find, and a
 * client could otherwise have Latchkey mail "Visit http://evil.test now" to the owner. Anything else is "Unknown".
 * The regexes are compiled at deployment, not by the first sign-in.
 */
@ApplicationScoped
public class Devices {

    static final String UNKNOWN = "Unknown device";
    private static final Set<String> BROWSERS = Set.of("Chrome", "Chrome Mobile", "Chrome Mobile iOS",
            "Chrome Mobile WebView", "Chromium", "HeadlessChrome", "Firefox", "Firefox Mobile", "Firefox iOS",
            "Safari", "Mobile Safari", "Mobile Safari UI/WKWebView", "Edge", "Edge Mobile", "Opera", "Opera Mobile",
            "Opera Mini", "Samsung Internet", "Brave", "Vivaldi", "Yandex Browser", "UC Browser", "DuckDuckGo Mobile",
            "IE", "IE Mobile", "Electron", "Android", "Facebook", "Instagram");
    private static final Set<String> SYSTEMS = Set.of("Windows", "Mac OS X", "macOS", "iOS", "iPadOS", "Android",
            "Linux", "Ubuntu", "Debian", "Fedora", "Chrome OS", "ChromeOS", "FreeBSD", "OpenBSD", "HarmonyOS",
            "Windows Phone", "KaiOS", "Tizen");

    private final Parser parser = new CachingParser();

    void compileAtStart(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        describe("Mozilla/5.0");
    }

    public String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        Client client = parser.parse(userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent);
        boolean browser = BROWSERS.contains(client.userAgent.family);
        boolean system = SYSTEMS.contains(client.os.family);
        if (browser && system) {
            return client.userAgent.family + " on " + client.os.family;
        }
        return browser ? client.userAgent.family : system ? client.os.family : UNKNOWN;
    }
}
