package io.enjoy.analysis.data;

import io.enjoy.analysis.kinematics.FourVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class EventTableTest {

    @Test
    void selectDeriveAndHistogramLikeTheNotebook(@TempDir Path dir) throws IOException {
        String header = "Jets\tmissing E\tMuons\tJets bTag\n";
        String twoJets = "[[50, 30, 40, 0], [50, -30, -40, 0]]\t[5, 3, 4, 0]\t[10, 6, 8, 0]\t[0.1, 0.9]\n";
        String oneJet = "[[25, 7, 24, 0]]\t[5, 3, 4, 0]\t[10, 6, 8, 0]\t[0.5]\n";
        Path f = dir.resolve("t.csv");
        Files.writeString(f, header + twoJets + oneJet + twoJets);
        EventTable t = EventTable.read(f);
        assertEquals(3, t.size());
        EventTable two = t.where(e -> e.nJets() >= 2).with("leadPt", e -> e.jets().get(0).pt())
                .with("mjj", e -> e.jets().get(0).plus(e.jets().get(1)).mass());
        assertEquals(2, two.size());
        // jets (50, 30, 40, 0) and (50, −30, −40, 0): sum (100, 0, 0, 0) → m = 100; lead pt = 50
        assertArrayEquals(new double[] {100, 100}, two.column("mjj"), 1e-12);
        assertArrayEquals(new double[] {50, 50}, two.column("leadPt"), 1e-12);
        assertEquals(2, two.histogram("mjj", 10, 0, 200).count(5));
        assertEquals(0, two.where("mjj", m -> m < 50).size());
        assertEquals(new FourVector(10, 6, 8, 0), two.head(1).event(0).muon());
        assertTrue(two.mimeBundle().get("text/html").contains("<th>mjj</th>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.column("M3"));
        assertTrue(e.getMessage().contains("no column 'M3'"));
    }
}
