#include "kustomize/yamljson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QJsonValue fromJson(const QByteArray &json)
{
    // Wrapped so scalars parse too.
    return QJsonDocument::fromJson("[" + json + "]").array().at(0);
}

} // namespace

class TestYamlJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("json");

        QTest::newRow("core schema scalars")
            << QByteArray("b: true\nB: False\ni: 12\nneg: -3\npos: +4\nf: 1.10\ne: 1e3\nh: .5\nn: ~\nN: null\nempty:\n")
            << QByteArray(R"([{"B":false,"N":null,"b":true,"e":1000,"empty":null,"f":1.1,"h":0.5,"i":12,"n":null,"neg":-3,"pos":4}])");
        QTest::newRow("leading zero is decimal in YAML 1.2")
            << QByteArray("mode: 0755\n") << QByteArray(R"([{"mode":755}])");
        QTest::newRow("octal and hex") << QByteArray("o: 0o17\nx: 0x1F\n") << QByteArray(R"([{"o":15,"x":31}])");
        QTest::newRow("quoted stays string")
            << QByteArray("a: \"1.10\"\nb: 'true'\nc: \"0755\"\nd: \"~\"\ne: \"\"\nf: '12'\n")
            << QByteArray(R"([{"a":"1.10","b":"true","c":"0755","d":"~","e":"","f":"12"}])");
        QTest::newRow("yaml 1.1 words are strings")
            << QByteArray("a: yes\nb: off\nc: y\n") << QByteArray(R"([{"a":"yes","b":"off","c":"y"}])");
        QTest::newRow("versions and words")
            << QByteArray("a: 1.2.3\nb: v1.10\nc: 10:30\nd: .inf\ne: 1_000\n")
            << QByteArray(R"([{"a":"1.2.3","b":"v1.10","c":"10:30","d":".inf","e":"1_000"}])");
        QTest::newRow("explicit tags") << QByteArray("a: !!str 5\nb: !!int \"7\"\nc: !custom 8\n")
                                       << QByteArray(R"([{"a":"5","b":7,"c":8}])");
        QTest::newRow("literal and folded blocks")
            << QByteArray("a: |\n  one\n  two\nb: >-\n  x\n  y\n") << QByteArray(R"([{"a":"one\ntwo\n","b":"x y"}])");
        QTest::newRow("documents, empty ones skipped")
            << QByteArray("---\na: 1\n---\n---\n# only a comment\n---\nb: [x, {c: d}]\n...\n")
            << QByteArray(R"([{"a":1},{"b":["x",{"c":"d"}]}])");
        QTest::newRow("top-level scalars and lists") << QByteArray("- 1\n- two\n---\nplain\n")
                                                     << QByteArray(R"([[1,"two"],"plain"])");
        QTest::newRow("anchors and merge keys")
            << QByteArray("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\nboth:\n  <<: [{p: 1}, {p: 2, q: 2}]\n")
            << QByteArray(R"([{"base":{"x":1,"y":2},"both":{"p":1,"q":2},"use":{"x":1,"y":3}}])");
        QTest::newRow("keys are strings") << QByteArray("1: a\ntrue: b\n~: c\n")
                                          << QByteArray(R"([{"1":"a","null":"c","true":"b"}])");
        QTest::newRow("unicode and escapes") << QByteArray("a: \"tab\\there\\u00e9\"\nb: ñandú\n")
                                             << QByteArray(R"([{"a":"tab\there\u00e9","b":"ñandú"}])");
        QTest::newRow("empty stream") << QByteArray("") << QByteArray("[]");
    }

    void parse()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, json);
        const auto parsed = parseYamlDocuments(yaml, u"test.yaml"_s);
        QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(compact(*parsed), compact(QJsonDocument::fromJson(json).array()));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("message");
        QTest::newRow("mapping value in a scalar")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: a\n    b: c\n")
            << u"apps/staging/kustomization.yaml:6:6: mapping values are not allowed in this context"_s;
        QTest::newRow("unclosed flow sequence") << QByteArray("a: [b, c\n")
                                                << u"apps/staging/kustomization.yaml:2:1: did not find expected ',' or ']'"_s;
        QTest::newRow("bad indentation") << QByteArray("a:\n  - b\n c: d\n")
                                         << u"apps/staging/kustomization.yaml:3:2: did not find expected key"_s;
        QTest::newRow("duplicate key") << QByteArray("a: 1\nb: 2\na: 3\n")
                                       << u"apps/staging/kustomization.yaml:3:1: mapping key \"a\" already defined at line 1"_s;
        QTest::newRow("duplicate in a later document") << QByteArray("a: 1\n---\nx:\n  y: 1\n  y: 2\n")
                                                       << u"apps/staging/kustomization.yaml:5:3: mapping key \"y\" already defined at line 4"_s;
        QTest::newRow("unknown anchor") << QByteArray("a: *nope\n")
                                        << u"apps/staging/kustomization.yaml:1:4: unknown anchor 'nope' referenced"_s;
        QTest::newRow("map as key") << QByteArray("? {a: 1}\n: x\n")
                                    << u"apps/staging/kustomization.yaml:1:3: a mapping key must be a scalar"_s;
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        const auto parsed = parseYamlDocuments(yaml, u"apps/staging/kustomization.yaml"_s);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().message, message);
    }

    void documentLinesAndQuotedStrings()
    {
        const auto documents = readYamlDocuments("# head\na: \"${x}\"\nb: ${x}\nc: '${y}z'\nd: |\n  ${w}\n---\n\ne: f\n",
                                                 u"f.yaml"_s);
        QVERIFY(documents.has_value());
        QCOMPARE(documents->size(), 2);
        QCOMPARE(documents->at(0).line, 2);
        QCOMPARE(documents->at(1).line, 9);
        // Only strings written quoted (or as blocks) and holding "${" are remembered.
        QCOMPARE(documents->at(0).quotedStrings, (QSet<QString>{u"${x}"_s, u"${y}z"_s, u"${w}\n"_s}));
        QVERIFY(documents->at(1).quotedStrings.isEmpty());
    }

    void aliasBombIsRefused()
    {
        QByteArray yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        char previous = 'a';
        for (char name = 'b'; name <= 'i'; ++name) {
            yaml += QByteArray(1, name) + ": &" + QByteArray(1, name) + " [";
            for (int i = 0; i < 10; ++i)
                yaml += QByteArray(i ? ", *" : "*") + QByteArray(1, previous);
            yaml += "]\n";
            previous = name;
        }
        const auto parsed = parseYamlDocuments(yaml, u"bomb.yaml"_s);
        QVERIFY(!parsed.has_value());
        QVERIFY2(parsed.error().message.contains(u"aliases"), qPrintable(parsed.error().message));
    }

    void writing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("yaml");
        QTest::newRow("object") << QByteArray(R"({"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}})")
                                << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        QTest::newRow("lists at their key's indent")
            << QByteArray(R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]},{"name":"b"}],"args":["x",["z"]]}})")
            << QByteArray("spec:\n  args:\n  - x\n  - - z\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n"
                          "  - name: b\n");
        QTest::newRow("empty containers") << QByteArray(R"({"a":{},"b":[],"c":null,"d":[{}]})")
                                          << QByteArray("a: {}\nb: []\nc: null\nd:\n- {}\n");
        QTest::newRow("strings that would change meaning are quoted")
            << QByteArray(R"(["true","1.10","0755","~","","null","yes","Off","12","-1.5e3",".inf","1_000","10:30","0x1F","<<","="])")
            << QByteArray("- \"true\"\n- \"1.10\"\n- \"0755\"\n- \"~\"\n- \"\"\n- \"null\"\n- \"yes\"\n- \"Off\"\n- \"12\"\n"
                          "- \"-1.5e3\"\n- \".inf\"\n- \"1_000\"\n- \"10:30\"\n- \"0x1F\"\n- \"<<\"\n- \"=\"\n");
        QTest::newRow("strings that read back the same stay plain")
            << QByteArray("[\"v1.10\",\"1.2.3\",\"${replicas}\",\"a:b\",\"http://x/y?z=1\",\"ñandú\",\"a#b\",\"nginx:1.25\"]")
            << QByteArray("- v1.10\n- 1.2.3\n- ${replicas}\n- a:b\n- http://x/y?z=1\n- ñandú\n- a#b\n- nginx:1.25\n");
        QTest::newRow("indicators and spaces are quoted")
            << QByteArray("[\"- a\",\"a: b\",\"a #b\",\"#x\",\"*x\",\"&x\",\"!x\",\"{x}\",\"[x]\",\" lead\",\"trail \",\"x:\","
                          "\"'q'\",\"\\\"d\\\"\",\"@x\",\"%x\",\"|x\",\">x\",\"---x\",\"tab\\there\"]")
            << QByteArray("- \"- a\"\n- \"a: b\"\n- \"a #b\"\n- \"#x\"\n- \"*x\"\n- \"&x\"\n- \"!x\"\n- \"{x}\"\n- \"[x]\"\n"
                          "- \" lead\"\n- \"trail \"\n- \"x:\"\n- \"'q'\"\n- \"\\\"d\\\"\"\n- \"@x\"\n- \"%x\"\n- \"|x\"\n"
                          "- \">x\"\n- \"---x\"\n- \"tab\\there\"\n");
        QTest::newRow("multi-line strings become literal blocks")
            << QByteArray(R"({"script":"echo a\n\necho b\n","note":"one\ntwo"})")
            << QByteArray("note: |-\n  one\n  two\nscript: |\n  echo a\n\n  echo b\n");
        QTest::newRow("multi-line strings that a block cannot hold are quoted")
            << QByteArray(R"(["a\n\n"," a\nb","a \nb","a\r\nb"])")
            << QByteArray("- \"a\\n\\n\"\n- \" a\\nb\"\n- \"a \\nb\"\n- \"a\\r\\nb\"\n");
        QTest::newRow("numbers") << QByteArray(R"([1,-2,1.5,1e21,0.1])") << QByteArray("- 1\n- -2\n- 1.5\n- 1e+21\n- 0.1\n");
        QTest::newRow("keys quoted like values") << QByteArray(R"({"true":1,"a b":2,"x: y":3})")
                                                 << QByteArray("a b: 2\n\"true\": 1\n\"x: y\": 3\n");
        QTest::newRow("scalar document") << QByteArray(R"("1.10")") << QByteArray("\"1.10\"\n");
    }

    void writing()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, yaml);
        QCOMPARE(toYaml(fromJson(json)), yaml);
    }

    void alwaysQuoted()
    {
        const QJsonObject object{{u"a"_s, u"${x}"_s}, {u"b"_s, u"${x}y"_s}, {u"c"_s, u"${x}"_s}};
        QCOMPARE(toYaml(object, {u"${x}"_s}), QByteArray("a: \"${x}\"\nb: ${x}y\nc: \"${x}\"\n"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("tricky strings")
            << QByteArray("{\"a\":[\"true\",\"False\",\"1.10\",\"0755\",\"0o17\",\"+1\",\"-\",\"-x\",\"? x\",\": x\",\"a:\","
                          "\"x #y\",\"~\",\"\",\"null\",\"multi\\nline\\n\",\"trailing\\n\\n\",\"\\u0001ctl\","
                          "\"\u00e9\\u2028x\",\"\\ud83d\\ude00\",\"back\\\\slash\",\"quote\\\"d\"]}");
        QTest::newRow("nesting") << QByteArray(R"({"a":{"b":[{"c":[[],{},[1,[2,{"d":null}]]]}],"e":{"f":{"g":true}}}})");
        QTest::newRow("kubernetes object")
            << QByteArray(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app.kubernetes.io/version":"1.10"}},
                "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.25","args":["--port","8080"],
                "env":[{"name":"A","value":"true"}]}]}}}})");
    }

    void roundTrip()
    {
        QFETCH(QByteArray, json);
        const QJsonValue value = fromJson(json);
        QVERIFY(!value.isUndefined());
        const QByteArray yaml = toYaml(value);
        const auto parsed = parseYamlDocuments(yaml, u"roundtrip.yaml"_s);
        QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().message + u"\n"_s + QString::fromUtf8(yaml)));
        QCOMPARE(parsed->size(), 1);
        QCOMPARE(parsed->at(0), value);
    }

    void documents()
    {
        const QJsonArray documents{QJsonObject{{u"a"_s, 1}}, QJsonObject{{u"b"_s, u"2"_s}}};
        QCOMPARE(toYamlDocuments(documents), QByteArray("---\na: 1\n---\nb: \"2\"\n"));
        QCOMPARE(*parseYamlDocuments(toYamlDocuments(documents), u"x"_s), documents);
    }
};

QTEST_GUILESS_MAIN(TestYamlJson)
#include "tst_yamljson.moc"
