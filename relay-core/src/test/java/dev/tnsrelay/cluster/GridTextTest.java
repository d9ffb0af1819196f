package dev.tnsrelay.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GridTextTest {

    @Test
    void everyFieldReadsBackAsItWasWrittenWhateverItHolds() {
        String nasty = "line\nbreak\ttab\\back=slash\r";
        String text = new GridText().add("version", 7).add("rule", "(RULE=(SRC=*))").add("rule", nasty, "", 3)
                .toString();
        assertEquals(3, text.lines().count(), "one line per field, whatever the fields hold: " + text);
        GridText back = GridText.parse(text);
        assertEquals(7, back.number("version"));
        assertEquals(List.of(List.of("(RULE=(SRC=*))"), List.of(nasty, "", "3")), back.all("rule"));
        assertEquals(Optional.empty(), back.get("missing"));
    }
}
