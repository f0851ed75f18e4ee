package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class UserTextTest {

    @Test
    void terminalEscapeSequencesLoseTheirEscapeCharacter() {
        // clear screen, window title (OSC … BEL), hidden text (SGR 8), cursor moves
        assertEquals("[2J[HBonjour", UserText.clean("\u001b[2J\u001b[HBonjour"));
        assertEquals("]0;piratéDossier", UserText.clean("\u001b]0;piraté\u0007Dossier"));
        assertEquals("[8msecret[0m", UserText.clean("\u001b[8msecret\u001b[0m"));
        assertEquals("a31mb", UserText.clean("a\u009b31mb"), "C1 CSI");
        assertEquals("ab", UserText.clean("a\u0000\u0008\u007fb"), "NUL, backspace, DEL");
    }

    @Test
    void lineBreaksStayTabsBecomeSpacesCarriageReturnsBecomeLineBreaks() {
        assertEquals("ligne 1\nligne 2\nligne 3\nfin", UserText.clean("ligne 1\r\nligne 2\rligne 3\nfin"));
        assertEquals("a b", UserText.clean("a\tb"));
    }

    @Test
    void bidirectionalOverridesAndLoneSurrogatesGoButEveryScriptStays() {
        assertEquals("fichier.exe", UserText.clean("fichier\u202e.exe"));
        assertEquals("abc", UserText.clean("a\u2066b\u2069c"));
        assertEquals("ab", UserText.clean("a\ud800b"));
        assertEquals("ab", UserText.clean("a\udc00b"));
        String kept = "Béthune — مرحبا שלום 你好 👍🏽 « ça » l’été";
        assertSame(kept, UserText.clean(kept), "clean text is returned as it is");
        assertNull(UserText.clean(null));
    }
}
