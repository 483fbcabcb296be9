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
        assertThat(encode(json)).isEqualTo("[3]{id=1..3,name,state=open}:\na\nb\n\"c, d\"\n");
        assertThat(JsonTables.decode(encode(json))).isEqualTo(json);
    }

    @Test
    void nestedObjectsBecomeDottedColumnsAndDottedKeysAreQuoted() {
        String json = "[{\"id\":7,\"user\":{\"login\":\"x\",\"a.b\":1}},{\"id\":3,\"user\":{\"login\":\"y\",\"a.b\":2}},"
                + "{\"id\":9}]";
        assertThat(encode(json)).isEqualTo("[3]{id,user.login,user.\"a.b\"}:\n7,x,1\n3,y,2\n9\n");
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
        assertThat(enc).isEqualTo("{\"total_count\":1000,\"items\":[3]{id=1..3,t}:\nx\ny\nz\n,\"incomplete\":false}");
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

    @Test
    void urlColumnsBuiltFromAnotherColumnBecomeTemplates() {
        String json = "[{\"number\":12,\"url\":\"https://api.github.com/repos/o/r/issues/12\",\"login\":\"ann\","
                + "\"following_url\":\"https://api.github.com/users/ann/following{/other_user}\"},"
                + "{\"number\":9,\"url\":\"https://api.github.com/repos/o/r/issues/9\",\"login\":\"bo\","
                + "\"following_url\":\"https://api.github.com/users/bo/following{/other_user}\"},"
                + "{\"number\":4,\"url\":\"https://api.github.com/repos/o/r/issues/4\",\"login\":\"cy\","
                + "\"following_url\":\"https://api.github.com/users/cy/following{/other_user}\"}]";
        String enc = encode(json);
        assertThat(enc).isEqualTo("[3]{number,url~\"https://api.github.com/repos/o/r/issues/{number}\",login,"
                + "following_url~\"https://api.github.com/users/{login}/following{/other_user}\"}:\n12,ann\n9,bo\n4,cy\n");
        assertThat(JsonTables.decode(enc)).isEqualTo(json);
    }

    @Test
    void countingColumnsBecomeRanges() {
        String json = "[{\"rank\":1,\"id\":30,\"t\":\"a\"},{\"rank\":2,\"id\":29,\"t\":\"b\"},"
                + "{\"rank\":3,\"id\":28,\"t\":\"c\"}]";
        String enc = encode(json);
        assertThat(enc).isEqualTo("[3]{rank=1..3,id=30..28,t}:\na\nb\nc\n");
        assertThat(JsonTables.decode(enc)).isEqualTo(json);
    }

    @Test
    void constantStringsThatLookLikeRangesOrTemplatesAreQuoted() {
        String json = "[{\"a\":\"1..3\",\"b\":\"{a}\",\"c\":1},{\"a\":\"1..3\",\"b\":\"{a}\",\"c\":5},"
                + "{\"a\":\"1..3\",\"b\":\"{a}\",\"c\":7}]";
        String enc = TableEncoder.encodeEverywhere(TableDecoder.decode(json));
        assertThat(enc).isEqualTo("[3]{a=\"1..3\",b=\"{a}\",c}:\n1\n5\n7\n");
        assertThat(JsonTables.decode(enc)).isEqualTo(json);
    }

    @Test
    void arraysOfOneLengthBecomeOneColumnPerPosition() {
        String json = "[{\"c\":[{\"type\":\"Ready\",\"ok\":true},{\"type\":\"Scheduled\",\"ok\":true}]},"
                + "{\"c\":[{\"type\":\"Ready\",\"ok\":false},{\"type\":\"Scheduled\",\"ok\":true}]}]";
        String enc = encode(json);
        assertThat(enc).isEqualTo("[2]{c[0].type=Ready,c[0].ok,c[1].type=Scheduled,c[1].ok=true}:\ntrue\nfalse\n");
        assertThat(JsonTables.decode(enc)).isEqualTo(json);
    }
}
