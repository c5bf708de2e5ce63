export interface MediaItem {
  id: number;
  storageKey: string;
  contentType: string;
  width: number;
  height: number;
  byteSize: number;
  altText: string;
}
