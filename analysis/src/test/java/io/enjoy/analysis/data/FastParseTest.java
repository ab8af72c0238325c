package io.enjoy.analysis.data;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class FastParseTest {

    private static void same(String literal) {
        double fast = PyListCell.fastParse(literal, 0, literal.length());
        if (!Double.isNaN(fast)) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(literal)), Double.doubleToRawLongBits(fast), literal);
        }
    }

    @Test
    void fastPathGivesExactlyTheCorrectlyRoundedDouble() {
        for (String s : new String[] {"259.87", "-168.906", "0.0", "-0.0", "1e1", "2.5E-3", "0.999998", "1.0E10", "123456789012345",
                "0.30000000000000004", ".5", "5.", "+7", "1e22", "1e-22", "0.000001234", "98765.4321e-3"}) {
            same(s);
        }
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 40_000; i++) {
            double x = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-8, 8));
            same(String.format(Locale.ROOT, "%." + r.nextInt(1, 12) + "g", x));
            same(Double.toString(x));
        }
    }

    @Test
    void literalsOutsideTheFastPathAreLeftToTheGeneralParser() {
        assertTrue(Double.isNaN(PyListCell.fastParse("1.2.3", 0, 5)));
        assertTrue(Double.isNaN(PyListCell.fastParse("1e400", 0, 5)));
        assertTrue(Double.isNaN(PyListCell.fastParse("1234567890123456789", 0, 19)));
        assertTrue(Double.isNaN(PyListCell.fastParse("-", 0, 1)));
        assertTrue(Double.isNaN(PyListCell.fastParse("1e", 0, 2)));
    }
}
