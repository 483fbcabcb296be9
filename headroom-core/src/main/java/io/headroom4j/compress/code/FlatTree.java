package io.headroom4j.compress.code;

/**
 * A syntax tree flattened by {@link NativeTreeSitter} into one int array: every visible node in pre-order,
 * {@link #STRIDE} ints each (the layout the native glue writes). Reading it costs no JNI call, except
 * {@link #childByField} and {@link #typeAt}, which ask the native tree that is kept until {@link #close}.
 */
final class FlatTree implements SyntaxTree {

    static final int SYMBOL = 0;
    static final int FLAGS = 1;
    static final int PARENT = 2;
    static final int FIRST_CHILD = 3;
    static final int NEXT_SIBLING = 4;
    static final int PREV_SIBLING = 5;
    static final int START_BYTE = 6;
    static final int END_BYTE = 7;
    static final int START_ROW = 8;
    static final int START_COLUMN = 9;
    static final int END_ROW = 10;
    static final int END_COLUMN = 11;
    static final int CHILD_COUNT = 12;
    static final int NAMED_CHILD_COUNT = 13;
    static final int STRIDE = 14;

    static final int NAMED = 1;
    static final int ERROR = 2;
    static final int MISSING = 4;
    static final int HAS_ERROR = 8;

    private final int[] a;
    private final NativeTreeSitter.Grammar grammar;
    private long tree;
    private int cursor;

    /** The last child(node, i) answer, so a loop over i costs one step per child. */
    private int childOf = NONE;
    private int childIndex;
    private int childAt;
    private int namedOf = NONE;
    private int namedIndex;
    private int namedAt;

    FlatTree(int[] nodes, NativeTreeSitter.Grammar grammar, long tree) {
        this.a = nodes;
        this.grammar = grammar;
        this.tree = tree;
    }

    /** The node array itself, {@link #STRIDE} ints a node (for tests; not to be changed). */
    int[] nodes() {
        return a;
    }

    /** How many nodes the tree has. */
    int size() {
        return a.length / STRIDE;
    }

    @Override
    public int root() {
        return 0;
    }

    @Override
    public boolean gotoFirstChild() {
        int c = a[cursor * STRIDE + FIRST_CHILD];
        if (c < 0) {
            return false;
        }
        cursor = c;
        return true;
    }

    @Override
    public boolean gotoNextSibling() {
        if (cursor == 0) {
            return false;
        }
        int s = a[cursor * STRIDE + NEXT_SIBLING];
        if (s < 0) {
            return false;
        }
        cursor = s;
        return true;
    }

    @Override
    public boolean gotoPreviousSibling() {
        if (cursor == 0) {
            return false;
        }
        int s = a[cursor * STRIDE + PREV_SIBLING];
        if (s < 0) {
            return false;
        }
        cursor = s;
        return true;
    }

    @Override
    public boolean gotoParent() {
        int p = a[cursor * STRIDE + PARENT];
        if (p < 0) {
            return false;
        }
        cursor = p;
        return true;
    }

    @Override
    public int current() {
        return cursor;
    }

    @Override
    public String type(int node) {
        return grammar.symbol(a[node * STRIDE + SYMBOL]);
    }

    @Override
    public int startRow(int node) {
        return a[node * STRIDE + START_ROW];
    }

    @Override
    public int startColumn(int node) {
        return a[node * STRIDE + START_COLUMN];
    }

    @Override
    public int endRow(int node) {
        return a[node * STRIDE + END_ROW];
    }

    @Override
    public int endColumn(int node) {
        return a[node * STRIDE + END_COLUMN];
    }

    @Override
    public int startByte(int node) {
        return a[node * STRIDE + START_BYTE];
    }

    @Override
    public int endByte(int node) {
        return a[node * STRIDE + END_BYTE];
    }

    @Override
    public int childCount(int node) {
        return a[node * STRIDE + CHILD_COUNT];
    }

    @Override
    public int child(int node, int i) {
        if (i < 0 || i >= childCount(node)) {
            return NONE;
        }
        int c;
        int k;
        if (childOf == node && childIndex <= i) {
            c = childAt;
            k = childIndex;
        } else {
            c = a[node * STRIDE + FIRST_CHILD];
            k = 0;
        }
        for (; k < i; k++) {
            c = a[c * STRIDE + NEXT_SIBLING];
        }
        childOf = node;
        childIndex = i;
        childAt = c;
        return c;
    }

    @Override
    public int namedChildCount(int node) {
        return a[node * STRIDE + NAMED_CHILD_COUNT];
    }

    @Override
    public int namedChild(int node, int i) {
        if (i < 0 || i >= namedChildCount(node)) {
            return NONE;
        }
        int c;
        int k;
        if (namedOf == node && namedIndex <= i) {
            c = namedAt;
            k = namedIndex;
        } else {
            c = a[node * STRIDE + FIRST_CHILD];
            while ((a[c * STRIDE + FLAGS] & NAMED) == 0) {
                c = a[c * STRIDE + NEXT_SIBLING];
            }
            k = 0;
        }
        while (k < i) {
            c = a[c * STRIDE + NEXT_SIBLING];
            if ((a[c * STRIDE + FLAGS] & NAMED) != 0) {
                k++;
            }
        }
        namedOf = node;
        namedIndex = i;
        namedAt = c;
        return c;
    }

    /**
     * Asks the kept native tree ({@code ts_node_child_by_field_id}, one cheap JNI call with no object): a
     * field's rules (inherited through hidden nodes, extras skipped) are tree-sitter's to apply, not ours.
     */
    @Override
    public int childByField(int node, String field) {
        int id = grammar.fieldId(field);
        if (id <= 0) {
            return NONE;
        }
        int c = NativeTreeSitter.childByField(open(), node, id);
        if (c < NONE) {
            throw new IllegalStateException("field child not among the tree's nodes");
        }
        return c;
    }

    private long open() {
        if (tree == 0) {
            throw new IllegalStateException("tree closed");
        }
        return tree;
    }

    @Override
    public int parent(int node) {
        return a[node * STRIDE + PARENT];
    }

    @Override
    public boolean hasError(int node) {
        return (a[node * STRIDE + FLAGS] & HAS_ERROR) != 0;
    }

    @Override
    public boolean isError(int node) {
        return (a[node * STRIDE + FLAGS] & ERROR) != 0;
    }

    @Override
    public boolean isMissing(int node) {
        return (a[node * STRIDE + FLAGS] & MISSING) != 0;
    }

    @Override
    public String typeAt(int row, int column) {
        int symbol = NativeTreeSitter.descendantSymbol(open(), row, column);
        return symbol < 0 ? null : grammar.symbol(symbol);
    }

    @Override
    public void close() {
        long t = tree;
        tree = 0;
        if (t != 0) {
            NativeTreeSitter.free(t);
        }
    }
}
