package dev.warden.analysis.sql;

import java.util.Locale;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import org.jspecify.annotations.Nullable;

/**
 * Whether a parsed WHERE condition holds for every row, so that the DELETE or UPDATE it guards
 * touches the whole table: {@code WHERE 1=1}, {@code WHERE true OR name = 'x'}, and the forms
 * written to get past "safe update" modes — {@code WHERE id > 0}, {@code WHERE rowid >= 1},
 * {@code WHERE id IS NOT NULL}, {@code WHERE id = id}, {@code WHERE name LIKE '%'} (true for
 * every name that is not NULL: a table's whole content in practice).
 *
 * <p>Row ids ({@code rowid}, {@code oid}, {@code _rowid_}) and key columns ({@code id},
 * {@code *_id}) are taken to be positive and never null: that is how databases number rows and
 * how schemas declare keys, and a condition that relies on it selects every row in practice.
 * Anything else that names a column may be false for some row and is not always true.
 */
final class AlwaysTrue {

    private static final int MAX_DEPTH = 64;

    private AlwaysTrue() {}

    /** True when {@code e} holds for every row. */
    static boolean holds(Expression e) {
        return holds(e, 0);
    }

    private static boolean holds(Expression e, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        int d = depth + 1;
        return switch (e) {
            case OrExpression o -> holds(o.getLeftExpression(), d) || holds(o.getRightExpression(), d);
            case AndExpression a -> holds(a.getLeftExpression(), d) && holds(a.getRightExpression(), d);
            case Parenthesis p -> holds(p.getExpression(), d);
            case ParenthesedExpressionList<?> p -> p.size() == 1 && p.get(0) instanceof Expression x && holds(x, d);
            case NotExpression n -> never(n.getExpression(), d);
            case BooleanValue b -> b.getValue();
            case Column c -> c.getColumnName().equalsIgnoreCase("TRUE");
            case IsNullExpression n -> n.isNot() && (key(n.getLeftExpression()) || number(n.getLeftExpression()) != null
                    || n.getLeftExpression() instanceof StringValue);
            case LikeExpression l -> !l.isNot() && l.getRightExpression() instanceof StringValue s
                    && !s.getValue().isEmpty() && s.getValue().chars().allMatch(ch -> ch == '%');
            case ComparisonOperator c -> compares(c, true);
            default -> {
                Double n = number(e);
                yield n != null && n != 0;
            }
        };
    }

    /** True when {@code e} holds for no row ({@code NOT 1=0} is always true). */
    private static boolean never(Expression e, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        int d = depth + 1;
        return switch (e) {
            case OrExpression o -> never(o.getLeftExpression(), d) && never(o.getRightExpression(), d);
            case AndExpression a -> never(a.getLeftExpression(), d) || never(a.getRightExpression(), d);
            case Parenthesis p -> never(p.getExpression(), d);
            case ParenthesedExpressionList<?> p -> p.size() == 1 && p.get(0) instanceof Expression x && never(x, d);
            case NotExpression n -> holds(n.getExpression(), d);
            case BooleanValue b -> !b.getValue();
            case Column c -> c.getColumnName().equalsIgnoreCase("FALSE");
            case ComparisonOperator c -> compares(c, false);
            default -> {
                Double n = number(e);
                yield n != null && n == 0;
            }
        };
    }

    /** A comparison that is always true (or, with {@code wanted} false, always false). */
    private static boolean compares(ComparisonOperator c, boolean wanted) {
        Expression l = c.getLeftExpression();
        Expression r = c.getRightExpression();
        Double ln = number(l);
        Double rn = number(r);
        if (ln != null && rn != null) {
            return test(c, ln, rn) == wanted;
        }
        if (l instanceof StringValue ls && r instanceof StringValue rs) {
            int cmp = ls.getValue().compareTo(rs.getValue());
            return test(c, cmp, 0) == wanted;
        }
        if (!wanted) {
            return false;
        }
        if (l instanceof Column lc && r instanceof Column rc && (c instanceof EqualsTo || c instanceof GreaterThanEquals
                || c instanceof MinorThanEquals)) {
            // id = id; a = a is false where a is NULL
            return key(l) && lc.getFullyQualifiedName().equalsIgnoreCase(rc.getFullyQualifiedName());
        }
        // key > 0, key >= 1, 0 < key, key <> 0: true for every positive row id
        if (key(l) && rn != null) {
            return switch (c) {
                case GreaterThan g -> rn < 1;
                case GreaterThanEquals g -> rn <= 1;
                case NotEqualsTo n -> rn < 1;
                default -> false;
            };
        }
        if (key(r) && ln != null) {
            return switch (c) {
                case MinorThan m -> ln < 1;
                case MinorThanEquals m -> ln <= 1;
                case NotEqualsTo n -> ln < 1;
                default -> false;
            };
        }
        return false;
    }

    private static boolean test(ComparisonOperator c, double l, double r) {
        return switch (c) {
            case EqualsTo e -> l == r;
            case NotEqualsTo n -> l != r;
            case GreaterThan g -> l > r;
            case GreaterThanEquals g -> l >= r;
            case MinorThan m -> l < r;
            case MinorThanEquals m -> l <= r;
            default -> false;
        };
    }

    /** A row id or key column: positive and never null in practice. */
    private static boolean key(Expression e) {
        if (!(e instanceof Column c)) {
            return false;
        }
        String name = c.getColumnName().toLowerCase(Locale.ROOT).replace("\"", "").replace("`", "");
        return name.equals("id") || name.equals("rowid") || name.equals("oid") || name.equals("_rowid_")
                || name.endsWith("_id");
    }

    private static @Nullable Double number(Expression e) {
        try {
            return literal(e);
        } catch (RuntimeException tooLarge) {
            return null; // a literal beyond a long: not a row id comparison Warden reads
        }
    }

    private static @Nullable Double literal(Expression e) {
        return switch (e) {
            case LongValue l -> (double) l.getValue();
            case DoubleValue d -> d.getValue();
            case SignedExpression s -> {
                Double n = literal(s.getExpression());
                yield n == null ? null : s.getSign() == '-' ? -n : n;
            }
            default -> null;
        };
    }
}
