package org.yidan.settlement.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The machine renders Chinese: the page and the screenshots are in Chinese, and without a CJK font every character is
 * the same empty box. scripts/browser-setup.sh installs Debian's fonts-noto-cjk when fontconfig knows no Chinese font.
 */
class ChineseFontTest {
    static final String INSTALL = "no Chinese font: the page renders as empty boxes; install Debian's fonts-noto-cjk "
            + "(scripts/browser-setup.sh does it when run as root)";

    @Test
    void fontconfigKnowsAChineseFont() throws Exception {
        Process p = new ProcessBuilder("fc-list", ":lang=zh", "family").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(!out.isBlank(), INSTALL);
    }

    /** Two different characters drawn in the page's font come out different (missing glyphs are all one box). */
    @Test
    void theBrowserDrawsChineseCharactersApart() {
        try (Browser b = new Browser(400, 300)) {
            b.driver.get("about:blank");
            String draw = "const c = document.createElement('canvas'); c.width = 64; c.height = 64;"
                    + "const g = c.getContext('2d'); g.font = '48px \"Noto Sans CJK SC\", sans-serif'; g.fillText(arguments[0], 4, 52);"
                    + "return c.toDataURL();";
            Object yi = b.js(draw, "医");
            Object bao = b.js(draw, "保");
            Object blank = b.js(draw, " ");
            assertTrue(!blank.equals(yi) && !yi.equals(bao), INSTALL);
        }
    }
}
