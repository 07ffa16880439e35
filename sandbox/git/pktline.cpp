#include "pktline.h"

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

// Exactly four hexadecimal digits (no sign, prefix or spaces, which a general parser accepts).
int hexLength(QByteArrayView digits)
{
    int value = 0;
    for (const char c : digits) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

} // namespace

QByteArray PktLine::text() const
{
    return payload.endsWith('\n') ? payload.chopped(1) : payload;
}

QByteArray PktLine::encode(const QByteArray &payload)
{
    Q_ASSERT(payload.size() <= maxPayloadSize);
    QByteArray packet = QByteArray::number(payload.size() + 4, 16).rightJustified(4, '0');
    packet.append(payload);
    return packet;
}

QByteArray PktLine::flush()
{
    return QByteArrayLiteral("0000");
}

QByteArray PktLine::sideband(char channel, const QByteArray &data, qsizetype packetSize)
{
    const qsizetype chunkSize = packetSize - 5; // length digits and the channel byte
    QByteArray out;
    out.reserve(data.size() + (data.size() / chunkSize + 1) * 5);
    for (qsizetype offset = 0; offset < data.size(); offset += chunkSize) {
        const QByteArrayView chunk = QByteArrayView(data).sliced(offset, std::min(chunkSize, data.size() - offset));
        out.append(QByteArray::number(chunk.size() + 5, 16).rightJustified(4, '0'));
        out.append(channel);
        out.append(chunk);
    }
    return out;
}

Domain::Result<QList<PktLine>> PktLine::decodeAll(QByteArrayView stream)
{
    QList<PktLine> packets;
    qsizetype offset = 0;
    while (offset < stream.size()) {
        if (stream.size() - offset < 4)
            return Domain::failure(u"The Git request ends in the middle of a packet."_s,
                u"%1 stray bytes at offset %2"_s.arg(stream.size() - offset).arg(offset));
        const QByteArrayView digits = stream.sliced(offset, 4);
        const int length = hexLength(digits);
        if (length < 0)
            return Domain::failure(u"The Git request is not in pkt-line format."_s,
                u"bad length '%1' at offset %2"_s.arg(QString::fromLatin1(digits)).arg(offset));
        if (length < 4) {
            if (length == 3)
                return Domain::failure(u"The Git request is not in pkt-line format."_s,
                    u"reserved length 0003 at offset %1"_s.arg(offset));
            const Kind kind = length == 0 ? Kind::Flush : length == 1 ? Kind::Delimiter : Kind::ResponseEnd;
            packets.append(PktLine { kind, {} });
            offset += 4;
            continue;
        }
        if (length > maxPacketSize || offset + length > stream.size())
            return Domain::failure(u"The Git request ends in the middle of a packet."_s,
                u"packet of %1 bytes at offset %2, %3 left"_s.arg(length).arg(offset).arg(stream.size() - offset));
        packets.append(PktLine { Kind::Data, stream.sliced(offset + 4, length - 4).toByteArray() });
        offset += length;
    }
    return packets;
}

} // namespace Fluxdeck::Sandbox
