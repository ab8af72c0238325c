package io.enjoy.analysis.data;

import io.enjoy.analysis.kinematics.FourVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser for one cell of the exercise CSV: a Python literal list as written by
 * {@code repr(list)} / numpy, e.g. {@code [52.3892, 39.8444, -34.0154, 0.0]} or
 * {@code [[259.87, -168.906, 95.3889, -170.715], [382.1, ...]]}.
 *
 * <p>Only what {@code ast.literal_eval} would accept for these columns is accepted: square
 * brackets, commas, optional blanks, and decimal float literals (including exponents, {@code inf}
 * and {@code nan} as Python spells them). A trailing comma inside a list is allowed, as in Python.
 * Anything else throws {@link CellException} with the character position, which the reader turns
 * into a message naming file, line and column.
 */
final class PyListCell {

    /** A problem inside one cell; {@code position} is 0-based within the cell text. */
    static final class CellException extends RuntimeException {
        CellException(String message) {
            super(message);
        }
    }

    private final String s;
    private int pos;

    private PyListCell(String s) {
        this.s = s;
    }

    /** {@code [a, b, ...]} → doubles (may be empty). */
    static double[] numbers(String cell) {
        PyListCell p = new PyListCell(cell);
        double[] out = p.numberList();
        p.end();
        return out;
    }

    /** {@code [E, px, py, pz]} → a four-vector (exactly four numbers). */
    static FourVector vector(String cell) {
        PyListCell p = new PyListCell(cell);
        FourVector v = p.fourVector();
        p.end();
        return v;
    }

    /** {@code [[E, px, py, pz], ...]} → four-vectors (may be empty). */
    static List<FourVector> vectors(String cell) {
        PyListCell p = new PyListCell(cell);
        List<FourVector> out = new ArrayList<>(8);
        p.skipBlanks();
        p.expect('[');
        p.skipBlanks();
        if (p.peek() == ']') {
            p.pos++;
            p.end();
            return out;
        }
        while (true) {
            out.add(p.fourVector());
            p.skipBlanks();
            char c = p.peek();
            if (c == ',') {
                p.pos++;
                p.skipBlanks();
                if (p.peek() == ']') {
                    p.pos++;
                    break;
                }
            } else if (c == ']') {
                p.pos++;
                break;
            } else {
                throw p.error("expected ',' or ']' after a four-vector");
            }
        }
        p.end();
        return out;
    }

    private FourVector fourVector() {
        int start = pos;
        double[] v = numberList();
        if (v.length != 4) {
            throw new CellException("a four-vector needs 4 numbers [E, px, py, pz] but the list at character "
                    + (start + 1) + " has " + v.length);
        }
        return new FourVector(v[0], v[1], v[2], v[3]);
    }

    private double[] numberList() {
        skipBlanks();
        expect('[');
        double[] buf = new double[4];
        int n = 0;
        skipBlanks();
        if (peek() == ']') {
            pos++;
            return new double[0];
        }
        while (true) {
            skipBlanks();
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = number();
            skipBlanks();
            char c = peek();
            if (c == ',') {
                pos++;
                skipBlanks();
                if (peek() == ']') {
                    pos++;
                    break;
                }
            } else if (c == ']') {
                pos++;
                break;
            } else {
                throw error("expected ',' or ']' after a number");
            }
        }
        return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
    }

    private double number() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ',' || c == ']' || c == '[' || c == ' ' || c == '\n' || c == '\r') {
                break;
            }
            pos++;
        }
        if (start == pos) {
            throw error(pos >= s.length() ? "unexpected end of cell, expected a number (missing ']'?)"
                    : "expected a number");
        }
        String tok = s.substring(start, pos);
        switch (tok) {
            case "inf", "+inf" -> { return Double.POSITIVE_INFINITY; }
            case "-inf" -> { return Double.NEGATIVE_INFINITY; }
            case "nan", "+nan", "-nan" -> { return Double.NaN; }
            default -> { }
        }
        // Double.parseDouble also accepts "Infinity", hex floats and a trailing 'd'/'f'; none of which
        // Python would read, and a digit check keeps words like "nana" out.
        if (!isDecimalLiteral(tok)) {
            throw new CellException("'" + tok + "' at character " + (start + 1) + " is not a number");
        }
        double fast = fastParse(s, start, pos);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        try {
            return Double.parseDouble(tok);
        } catch (NumberFormatException ex) {
            throw new CellException("'" + tok + "' at character " + (start + 1) + " is not a number");
        }
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
            1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Clinger's fast path: a decimal literal whose digits fit in 2^53 and whose power of ten is
     * at most 22 in magnitude is one exact multiplication or division, hence correctly rounded —
     * the same double Python and {@link Double#parseDouble} give. The course files' 6-digit numbers
     * always take it. Returns NaN when the literal needs the general parser (or is malformed).
     */
    static double fastParse(String s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0, fraction = 0;
        boolean point = false, any = false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa == 0 && c == '0') {
                    if (point) {
                        fraction++;
                    }
                    continue;
                }
                if (++digits > 15) {
                    return Double.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (point) {
                    fraction++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        int exp = 0;
        if (i < to) {
            char c = s.charAt(i);
            if (c != 'e' && c != 'E') {
                return Double.NaN;
            }
            i++;
            boolean expNegative = false;
            if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                expNegative = s.charAt(i) == '-';
                i++;
            }
            if (i == to) {
                return Double.NaN;
            }
            for (; i < to; i++) {
                char d = s.charAt(i);
                if (d < '0' || d > '9' || exp > 1000) {
                    return Double.NaN;
                }
                exp = exp * 10 + (d - '0');
            }
            if (expNegative) {
                exp = -exp;
            }
        }
        double v;
        if (mantissa == 0) {
            v = 0.0;
        } else {
            int e10 = exp - fraction;
            if (e10 < -22 || e10 > 22) {
                return Double.NaN;
            }
            v = e10 >= 0 ? mantissa * POW10[e10] : mantissa / POW10[-e10];
        }
        return negative ? -v : v;
    }

    /** Digits, sign, point and exponent only: what Python's float literal allows (no hex, no 'd' suffix). */
    private static boolean isDecimalLiteral(String tok) {
        for (int i = 0; i < tok.length(); i++) {
            char c = tok.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void end() {
        skipBlanks();
        if (pos != s.length()) {
            throw error("unexpected text after the closing ']'");
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipBlanks() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n' || s.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private CellException error(String what) {
        String found = pos < s.length() ? "'" + s.charAt(pos) + "'" : "end of cell";
        return new CellException(what + " at character " + (pos + 1) + ", found " + found);
    }
}
