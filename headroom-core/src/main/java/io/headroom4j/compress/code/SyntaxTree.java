package io.headroom4j.compress.code;

/**
 * A parsed syntax tree as the {@link CodeCompressor} reads it: nodes are int handles ({@link #NONE} for none),
 * plus one cursor for walking the tree in document order.
 *
 * <p>Two implementations give the same answers for the same text: {@link FlatTree} reads a whole tree the
 * {@link NativeTreeSitter} library flattened into an int array in one call, {@link BonedeTree} asks the
 * io.github.bonede bindings node by node (each call a JNI call). Handles are only meaningful for the tree
 * that gave them. Not thread-safe; close it when done.
 */
interface SyntaxTree extends AutoCloseable {

    /** The handle that means "no node" (tree-sitter's null node). */
    int NONE = -1;

    /** The root node. */
    int root();

    /** Moves the cursor (which starts at the root) to the current node's first child; false when it has none. */
    boolean gotoFirstChild();

    /** Moves the cursor to the next sibling; false when there is none. */
    boolean gotoNextSibling();

    /** Moves the cursor to the previous sibling; false when there is none. */
    boolean gotoPreviousSibling();

    /** Moves the cursor to the parent; false at the root. */
    boolean gotoParent();

    /** The cursor's node. */
    int current();

    /** The node's type, as tree-sitter's {@code ts_node_type}. */
    String type(int node);

    /** The node's start row. */
    int startRow(int node);

    /** The node's start column, in bytes. */
    int startColumn(int node);

    /** The node's end row. */
    int endRow(int node);

    /** The node's end column, in bytes. */
    int endColumn(int node);

    /** The node's start byte. */
    int startByte(int node);

    /** The node's end byte. */
    int endByte(int node);

    /** How many children (named and anonymous) the node has. */
    int childCount(int node);

    /** The node's i-th child. */
    int child(int node, int i);

    /** How many named children the node has. */
    int namedChildCount(int node);

    /** The node's i-th named child. */
    int namedChild(int node, int i);

    /** The node's child in {@code field}, or {@link #NONE}. */
    int childByField(int node, String field);

    /** The node's parent, or {@link #NONE} for the root. */
    int parent(int node);

    /** True when the node is or holds a syntax error. */
    boolean hasError(int node);

    /** True when the node is an ERROR node. */
    boolean isError(int node);

    /** True when the node was inserted by error recovery. */
    boolean isMissing(int node);

    /**
     * The type of the smallest node spanning {@code row:column} to {@code row:column+1}, as
     * {@code ts_node_descendant_for_point_range} on the root finds it, or null when there is none.
     */
    String typeAt(int row, int column);

    /** Frees the tree. */
    @Override
    void close();
}
