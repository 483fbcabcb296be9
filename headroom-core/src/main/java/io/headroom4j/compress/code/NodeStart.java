package io.headroom4j.compress.code;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;

/**
 * A node's start byte and start row, read from the fields of the bindings' {@link TSNode} object instead of
 * through a JNI call (about 2.5 µs each in these bindings, which look up classes and fields on every call).
 *
 * <p>The bindings copy tree-sitter's {@code TSNode} struct into the object: {@code context[0]} is the start
 * byte, {@code context[1]} the start row and {@code context[2]} the start column, which is what
 * {@code ts_node_start_byte} and {@code ts_node_start_point} return. Since that is a private detail of the
 * bindings, the fields are trusted only after they agreed with the bindings' own accessors on the first few
 * nodes of the process (a null node, {@code id} 0, likewise for {@link #isNull}); until then, and for good if they ever disagree or cannot be read, the accessors
 * are called. Either way the answer is the bindings' answer.
 *
 * <p>It also calls three of the bindings' native accessors (end point, type, child by field name) without the
 * null check each public accessor makes first: that check is a JNI call of its own, as costly as the accessor.
 * The null check is done here from the {@code idPtr} field instead ({@link #isNull}); a null node still goes
 * through the public accessor, so it fails as before.
 */
final class NodeStart {

    private static final VarHandle BYTE;
    private static final VarHandle ROW;
    private static final VarHandle COLUMN;
    private static final VarHandle ID;
    private static final MethodHandle END_POINT;
    private static final MethodHandle TYPE;
    private static final MethodHandle CHILD_BY_FIELD;

    /** Nodes (with nonzero byte, row and column) that must agree before the fields are trusted. */
    private static final int CHECKS = 8;

    /** 0 while checking, 1 once the fields agreed {@link #CHECKS} times, -1 when they cannot be used. */
    private static volatile int state;
    private static int agreed;

    static {
        VarHandle b = null;
        VarHandle r = null;
        VarHandle c = null;
        VarHandle id = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup());
            b = lookup.findVarHandle(TSNode.class, "context0", int.class);
            r = lookup.findVarHandle(TSNode.class, "context1", int.class);
            c = lookup.findVarHandle(TSNode.class, "context2", int.class);
            id = lookup.findVarHandle(TSNode.class, "idPtr", long.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            b = null;
            id = null;
        }
        BYTE = b;
        ROW = r;
        COLUMN = c;
        ID = id;
        MethodHandle endPoint = null;
        MethodHandle type = null;
        MethodHandle child = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(TSParser.class, MethodHandles.lookup());
            endPoint = lookup.findStatic(TSParser.class, "ts_node_end_point",
                    MethodType.methodType(TSPoint.class, TSNode.class));
            type = lookup.findStatic(TSParser.class, "ts_node_type", MethodType.methodType(String.class, TSNode.class));
            child = lookup.findStatic(TSParser.class, "ts_node_child_by_field_name",
                    MethodType.methodType(TSNode.class, TSNode.class, String.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            endPoint = null;
        }
        END_POINT = endPoint;
        TYPE = type;
        CHILD_BY_FIELD = child;
        state = b == null || id == null ? -1 : 0;
    }

    private NodeStart() {
    }

    /** The node's start row, as {@code node.getStartPoint().getRow()}. */
    static int row(TSNode node) {
        if (state > 0) {
            return (int) ROW.get(node);
        }
        return check(node, node.getStartPoint(), node.getStartByte()).getRow();
    }

    /** The node's start byte, as {@code node.getStartByte()}. */
    static int startByte(TSNode node) {
        if (state > 0) {
            return (int) BYTE.get(node);
        }
        int b = node.getStartByte();
        check(node, node.getStartPoint(), b);
        return b;
    }

    /** The node's start column in bytes, as {@code node.getStartPoint().getColumn()}. */
    static int column(TSNode node) {
        if (state > 0) {
            return (int) COLUMN.get(node);
        }
        return check(node, node.getStartPoint(), node.getStartByte()).getColumn();
    }

    /**
     * True when {@code node} is null or the null node, as {@code node == null || node.isNull()}
     * (tree-sitter's null node is the one whose {@code id} is 0).
     */
    static boolean isNull(TSNode node) {
        if (node == null) {
            return true;
        }
        if (state > 0) {
            return (long) ID.get(node) == 0;
        }
        boolean isNull = node.isNull();
        if (state == 0 && ((long) ID.get(node) == 0) != isNull) {
            synchronized (NodeStart.class) {
                state = -1;
            }
        }
        return isNull;
    }

    /** The node's end row, as {@code node.getEndPoint().getRow()}. */
    static int endRow(TSNode node) {
        if (END_POINT == null || isNull(node)) {
            return node.getEndPoint().getRow();
        }
        try {
            return ((TSPoint) END_POINT.invokeExact(node)).getRow();
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** The node's type, as {@code node.getType()}. */
    static String type(TSNode node) {
        if (END_POINT == null || isNull(node)) {
            return node.getType();
        }
        try {
            return (String) TYPE.invokeExact(node);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** The node's child in field {@code field} (maybe the null node), as {@code node.getChildByFieldName}. */
    static TSNode child(TSNode node, String field) {
        if (END_POINT == null || isNull(node)) {
            return node.getChildByFieldName(field);
        }
        try {
            return (TSNode) CHILD_BY_FIELD.invokeExact(node, field);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(e);
    }

    /** Whether the fields are read directly (for tests). */
    static boolean direct() {
        return state > 0;
    }

    private static TSPoint check(TSNode node, TSPoint point, int startByte) {
        if (state == 0) {
            synchronized (NodeStart.class) {
                if (state == 0) {
                    int b = (int) BYTE.get(node);
                    int r = (int) ROW.get(node);
                    int c = (int) COLUMN.get(node);
                    if (b != startByte || r != point.getRow() || c != point.getColumn()) {
                        state = -1;
                    } else if (b > 0 && r > 0 && c > 0 && ++agreed >= CHECKS) {
                        state = 1;
                    }
                }
            }
        }
        return point;
    }
}
