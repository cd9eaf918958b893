package dev.palisade.vuln.version;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Maven version compared as {@code org.apache.maven.artifact.versioning.ComparableVersion} of maven-artifact
 * 3.8.6 does, which is what OSV's reference implementation and the shared vectors follow (docs/vulnerabilities.md
 * explains the choice and where 3.9 differs).
 *
 * <p>The text is split at {@code .}, {@code -} and digit/letter transitions into numbers and qualifiers; a
 * {@code -} or a transition opens a nested list; trailing "null" items (0, "", "final", "ga", "release") are
 * dropped from each list. Known qualifiers order {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga
 * = final = release < sp}; unknown qualifiers sort after all of them, alphabetically.
 */
public final class MavenVersion implements Version {

    private final String text;
    private final ListItem items;

    private MavenVersion(String text, ListItem items) {
        this.text = text;
        this.items = items;
    }

    /** Parses; every string is a Maven version. */
    public static MavenVersion parse(String text) {
        return new MavenVersion(text, Item.parse(text));
    }

    @Override
    public String text() {
        return text;
    }

    /** The normalised form ComparableVersion prints, e.g. {@code 1-final} → {@code 1}. */
    public String canonical() {
        return items.toString();
    }

    @Override
    public int compareTo(Version other) {
        return Integer.signum(items.compareTo(((MavenVersion) other).items));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MavenVersion that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** One parsed element; {@code null} as an argument stands for "nothing left on this side". */
    private sealed interface Item permits NumberItem, QualifierItem, ListItem {

        int compareTo(Item other);

        boolean isNull();

        static ListItem parse(String version) {
            String text = version.toLowerCase(Locale.ENGLISH);
            ListItem root = new ListItem();
            ListItem list = root;
            Deque<ListItem> stack = new ArrayDeque<>();
            stack.push(list);
            boolean digit = false;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '.' || c == '-') {
                    list.items.add(i == start ? NumberItem.ZERO : item(digit, text.substring(start, i)));
                    start = i + 1;
                    if (c == '-') {
                        list = openList(list, stack);
                    }
                } else if (Ascii.isDigit(c)) {
                    if (!digit && i > start) {
                        list.items.add(new QualifierItem(text.substring(start, i), true));
                        start = i;
                        list = openList(list, stack);
                    }
                    digit = true;
                } else {
                    if (digit && i > start) {
                        list.items.add(item(true, text.substring(start, i)));
                        start = i;
                        list = openList(list, stack);
                    }
                    digit = false;
                }
            }
            if (text.length() > start) {
                list.items.add(item(digit, text.substring(start)));
            }
            while (!stack.isEmpty()) {
                stack.pop().normalize();
            }
            return root;
        }

        private static ListItem openList(ListItem parent, Deque<ListItem> stack) {
            ListItem child = new ListItem();
            parent.items.add(child);
            stack.push(child);
            return child;
        }

        private static Item item(boolean digit, String text) {
            return digit ? new NumberItem(new BigInteger(text)) : new QualifierItem(text, false);
        }
    }

    private record NumberItem(BigInteger value) implements Item {
        static final NumberItem ZERO = new NumberItem(BigInteger.ZERO);

        @Override
        public boolean isNull() {
            return value.signum() == 0;
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return isNull() ? 0 : 1;
            }
            if (other instanceof NumberItem number) {
                return value.compareTo(number.value);
            }
            return 1; // 1.1 > 1-sp and 1.1 > 1-1
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    private record QualifierItem(String value) implements Item {
        private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
        private static final Map<String, String> ALIASES = Map.of("ga", "", "final", "", "release", "", "cr", "rc");
        private static final String RELEASE = String.valueOf(QUALIFIERS.indexOf(""));

        QualifierItem(String value, boolean followedByDigit) {
            this(canonical(value, followedByDigit));
        }

        private static String canonical(String value, boolean followedByDigit) {
            String name = value;
            if (followedByDigit && value.length() == 1) {
                name = switch (value.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> value;
                };
            }
            return ALIASES.getOrDefault(name, name);
        }

        /** Known qualifiers by rank; unknown ones after them, alphabetically. */
        private static String rank(String qualifier) {
            int index = QUALIFIERS.indexOf(qualifier);
            return index < 0 ? QUALIFIERS.size() + "-" + qualifier : String.valueOf(index);
        }

        @Override
        public boolean isNull() {
            return rank(value).equals(RELEASE);
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return rank(value).compareTo(RELEASE);
            }
            if (other instanceof QualifierItem qualifier) {
                return rank(value).compareTo(rank(qualifier.value));
            }
            return -1; // 1.any < 1.1 and 1.any < 1-1
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private static final class ListItem implements Item {
        final List<Item> items = new ArrayList<>();

        @Override
        public boolean isNull() {
            return items.isEmpty();
        }

        void normalize() {
            for (int i = items.size() - 1; i >= 0; i--) {
                Item last = items.get(i);
                if (last.isNull()) {
                    items.remove(i);
                } else if (!(last instanceof ListItem)) {
                    break;
                }
            }
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return items.isEmpty() ? 0 : items.get(0).compareTo(null);
            }
            if (!(other instanceof ListItem list)) {
                return other instanceof NumberItem ? -1 : 1;
            }
            Iterator<Item> left = items.iterator();
            Iterator<Item> right = list.items.iterator();
            while (left.hasNext() || right.hasNext()) {
                Item l = left.hasNext() ? left.next() : null;
                Item r = right.hasNext() ? right.next() : null;
                int result = l == null ? (r == null ? 0 : -r.compareTo(null)) : l.compareTo(r);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Item item : items) {
                if (!text.isEmpty()) {
                    text.append(item instanceof ListItem ? '-' : '.');
                }
                text.append(item);
            }
            return text.toString();
        }
    }
}
