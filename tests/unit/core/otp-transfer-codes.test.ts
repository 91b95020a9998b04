/**
 * Google Authenticator transfer codes written by Sidekey, read back by code that is not ours: each
 * QR image decoded by jsQR, its protobuf decoded by protobufjs against Google Authenticator's
 * MigrationPayload.proto (written out here from its published field numbers), and by our own reader.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import protobuf from 'protobufjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { transferCodes, TRANSFER_BATCH } from '../../../src/core/otp/export/transfer-codes';
import { parseMigrationUri } from '../../../src/core/otp/migration-uri';
import { otpCode, parseOtpauthUri, type OtpParameters } from '../../../src/core/otp/otpauth-uri';

const PROTO = `
syntax = "proto3";
message MigrationPayload {
  enum Algorithm { ALGORITHM_UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
  enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
  enum OtpType { OTP_TYPE_UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
  message OtpParameters {
    bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
    DigitCount digits = 5; OtpType type = 6; int64 counter = 7;
  }
  repeated OtpParameters otp_parameters = 1;
  int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
}`;
const Payload = protobuf.parse(PROTO).root.lookupType('MigrationPayload');

const secretOf = (n: number) => `JBSWY3DPEHPK${n.toString(2).padStart(20, '0').replace(/0/g, 'A').replace(/1/g, 'B')}`;
const ACCOUNTS: OtpParameters[] = [
  ...Array.from({ length: 23 }, (_, n) =>
    parseOtpauthUri(`otpauth://totp/Bulk%20${n}:user${n}?secret=${secretOf(n)}&algorithm=SHA256&digits=8`),
  ),
  parseOtpauthUri(`otpauth://hotp/Bank:anna?secret=${secretOf(100)}&counter=1234567&algorithm=SHA512`),
  parseOtpauthUri(`otpauth://totp/Émile:élodie?secret=${secretOf(101)}`),
];
const LEFT = [
  parseOtpauthUri(`otpauth://steam/Steam:gamer?secret=${secretOf(200)}`),
  parseOtpauthUri(`otpauth://totp/Odd:seven?secret=${secretOf(201)}&digits=7`),
  parseOtpauthUri(`otpauth://totp/Slow:minute?secret=${secretOf(202)}&period=60`),
];

/** The QR code as the page draws it, read back from its pixels by jsQR. */
async function throughImage(text: string): Promise<string> {
  const png = PNG.sync.read(
    await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 }),
  );
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data;
}

describe('Google Authenticator transfer codes', () => {
  const { codes, left } = transferCodes([...ACCOUNTS.slice(0, 12), ...LEFT, ...ACCOUNTS.slice(12)], 123456789);

  it('ten accounts a code; what Google Authenticator cannot take is named, not changed', () => {
    expect(codes).toHaveLength(Math.ceil(ACCOUNTS.length / TRANSFER_BATCH));
    expect(left).toEqual(LEFT);
  });

  it('reads back from the QR images through jsQR and protobufjs, batch by batch', async () => {
    const decoded = [];
    for (const [index, code] of codes.entries()) {
      const text = await throughImage(code);
      expect(text).toBe(code);
      const data = new URL(text).searchParams.get('data')!;
      const payload = Payload.toObject(Payload.decode(Buffer.from(data, 'base64')), {
        enums: String,
        longs: Number,
        bytes: Array,
        defaults: true,
      });
      expect(payload).toMatchObject({ version: 1, batchSize: codes.length, batchIndex: index, batchId: 123456789 });
      decoded.push(...payload.otpParameters);
    }
    expect(decoded).toHaveLength(ACCOUNTS.length);
    for (const [i, a] of ACCOUNTS.entries()) {
      expect(decoded[i]).toEqual({
        secret: [...a.secret],
        name: `${a.issuer}:${a.label}`,
        issuer: a.issuer,
        algorithm: a.algorithm,
        digits: a.digits === 8 ? 'EIGHT' : 'SIX',
        type: a.kind === 'hotp' ? 'HOTP' : 'TOTP',
        counter: a.kind === 'hotp' ? a.counter : 0,
      });
    }
  });

  it('reads back through our own reader with the same codes', () => {
    const back = codes.flatMap(parseMigrationUri);
    expect(back).toHaveLength(ACCOUNTS.length);
    for (const [i, a] of ACCOUNTS.entries()) {
      expect(back[i]).toEqual(a);
      expect(otpCode(back[i]!, { timestamp: 1_800_000_000_000, counter: a.counter })).toBe(
        otpCode(a, { timestamp: 1_800_000_000_000, counter: a.counter }),
      );
    }
  });
});
