package io.headroom4j.compress.json;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class TableFormatTest {

    private static String encode(String json) {
        return JsonTables.encode(json);
    }

    @Test
    void uniformArrayBecomesHeaderAndRows() {
        String json = "[{\"id\":1,\"name\":\"a\",\"state\":\"open\"},{\"id\":2,\"name\":\"b\",\"state\":\"open\"},"
                + "{\"id\":3,\"name\":\"c, d\",\"state\":\"open\"}]";
        assertThat(encode(json)).isEqualTo("[3]{id,name,state=open}:\n1,a\n2,b\n3,\"c, d\"\n");
        assertThat(JsonTables.decode(encode(json))).isEqualTo(json);
    }

    @Test
    void nestedObjectsBecomeDottedColumnsAndDottedKeysAreQuoted() {
        String json = "[{\"id\":1,\"user\":{\"login\":\"x\",\"a.b\":1}},{\"id\":2,\"user\":{\"login\":\"y\",\"a.b\":2}},"
                + "{\"id\":3}]";
        assertThat(encode(json)).isEqualTo("[3]{id,user.login,user.\"a.b\"}:\n1,x,1\n2,y,2\n3\n");
        assertThat(JsonTables.decode(encode(json))).isEqualTo(json);
    }

    @Test
    void missingAndNullAndStringLookalikesStayDistinct() {
        String json = "[{\"a\":null,\"b\":\"null\",\"c\":\"1\",\"d\":1.0},{\"b\":\"true\",\"c\":1,\"d\":1e3},"
                + "{\"a\":\"\",\"b\":true,\"c\":\"-0\",\"d\":-0}]";
        String enc = TableEncoder.encodeEverywhere(TableDecoder.decode(json));
        assertThat(enc).isEqualTo("[3]{a,b,c,d}:\nnull,\"null\",\"1\",1.0\n,\"true\",1,1e3\n\"\",true,\"-0\",-0\n");
        assertThat(JsonTables.decode(enc)).isEqualTo(json);
    }

    @Test
    void apiListResponseKeepsItsEnvelope() {
        String json = "{\"total_count\":1000,\"items\":[{\"id\":1,\"t\":\"x\"},{\"id\":2,\"t\":\"y\"},"
                + "{\"id\":3,\"t\":\"z\"}],\"incomplete\":false}";
        String enc = TableEncoder.encodeEverywhere(TableDecoder.decode(json));
        assertThat(enc).isEqualTo("{\"total_count\":1000,\"items\":[3]{id,t}:\n1,x\n2,y\n3,z\n,\"incomplete\":false}");
        assertThat(JsonTables.decode(enc)).isEqualTo(json);
    }

    @Test
    void jsonLinesBecomeOneTable() {
        String jsonl = "{\"level\":\"info\",\"msg\":\"a\"}\n{\"level\":\"info\",\"msg\":\"b\"}\n";
        String enc = TableEncoder.encodeEverywhere(TableDecoder.decode(jsonl));
        assertThat(enc).isEqualTo("[2 lines]{level=info,msg}:\na\nb\n");
        assertThat(JsonTables.decode(enc)).isEqualTo(jsonl.strip());
    }

    @Test
    void rowsInAnotherKeyOrderAreWrittenAsJson() {
        String json = "[{\"a\":1,\"b\":2},{\"b\":3,\"a\":4},{\"a\":5,\"b\":6}]";
        String enc = TableEncoder.encodeEverywhere(TableDecoder.decode(json));
        assertThat(enc).isEqualTo("[3]{a,b}:\n1,2\n{\"b\":3,\"a\":4}\n5,6\n");
        assertThat(JsonTables.decode(enc)).isEqualTo(json);
    }
}
