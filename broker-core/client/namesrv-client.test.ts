import { describe, expect, it } from 'vitest';
import { RemotingClient } from '../remoting/remoting-client';
import { NamesrvAddressError, NamesrvClient, parseNamesrvAddr } from './namesrv-client';

describe('parseNamesrvAddr', () => {
  it('splits ;-separated host:port entries and skips blanks', () => {
    expect(parseNamesrvAddr('10.0.0.1:9876')).toEqual(['10.0.0.1:9876']);
    expect(parseNamesrvAddr(' a.example:9876; b.example:9877 ;')).toEqual(['a.example:9876', 'b.example:9877']);
    expect(parseNamesrvAddr('[::1]:9876')).toEqual(['[::1]:9876']);
  });

  it.each([
    ['', /no nameserver address/],
    [';;', /no nameserver address/],
    ['localhost', /'localhost'.*missing :port/],
    ['localhost:abc', /port 'abc' is not a number/],
    ['localhost:0', /port 0 is outside 1\.\.65535/],
    ['localhost:65536', /outside 1\.\.65535/],
    [':9876', /missing host/],
    ['a:9876,b:9876', /separated by ';', not ','/],
    ['::1:9876', /IPv6 hosts must be written in brackets/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseNamesrvAddr(text)).toThrow(NamesrvAddressError);
    expect(() => parseNamesrvAddr(text)).toThrow(message);
  });

  it('is applied by the client constructor', () => {
    const remoting = new RemotingClient();
    expect(new NamesrvClient(remoting, ['a:1;b:2']).addresses).toEqual(['a:1', 'b:2']);
    expect(() => new NamesrvClient(remoting, [])).toThrow(/no nameserver address/);
    expect(() => new NamesrvClient(remoting, ['nohost'])).toThrow(/missing :port/);
  });
});
