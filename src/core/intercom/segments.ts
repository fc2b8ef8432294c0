/** Segments: the workspace's, and those a contact belongs to. */
import type { IntercomHttp } from './http';
import { parse } from './shapes';
import { ContactSegmentsSchema, SegmentListSchema, type SegmentData } from './shapes-picture';

export async function contactSegments(http: IntercomHttp, contactId: string): Promise<SegmentData[]> {
  return parse(ContactSegmentsSchema, await http.request('GET', `/contacts/${encodeURIComponent(contactId)}/segments`)).data;
}

export async function listSegments(http: IntercomHttp): Promise<SegmentData[]> {
  return parse(SegmentListSchema, await http.request('GET', '/segments')).segments;
}
